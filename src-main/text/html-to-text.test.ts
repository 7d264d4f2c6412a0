import { describe, expect, it } from 'vitest';
import { collapseWhitespace, decodeEntities, htmlToText, mentionedRawIds, messagePlainText, repliedMessageId } from './html-to-text.ts';

describe('htmlToText', () => {
  it('strips tags and keeps the text', () => {
    expect(htmlToText('<p>Hello <b>world</b></p>')).toBe('Hello world');
  });

  it('separates words at block elements and line breaks', () => {
    expect(htmlToText('one<br>two<div>three</div><p>four</p><li>five</li>')).toBe('one two three four five');
  });

  it('keeps inline elements inside a word joined', () => {
    expect(htmlToText('de<b>ploy</b>ment')).toBe('deployment');
  });

  it('drops script, style and comments with their content', () => {
    expect(htmlToText("a<script type='x'>alert('회의')</script>b<style>p{color:red}</style>c<!-- note -->d")).toBe('abcd');
    expect(htmlToText('<SCRIPT>evil()</SCRIPT >ok')).toBe('ok');
  });

  it('drops everything after an unterminated script', () => {
    expect(htmlToText('safe<script>never closed')).toBe('safe');
  });

  it('honours quoted attributes that contain >', () => {
    expect(htmlToText('<a title="a > b" href=\'x>y\'>link</a> text')).toBe('link text');
  });

  it('decodes named and numeric entities', () => {
    expect(htmlToText('Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;x&#39; &#x1F389; &nbsp;caf&eacute;')).toBe(`Tom & Jerry <3 "hi" 'x' 🎉 caf&eacute;`);
  });

  it('does not turn decoded entities into tags', () => {
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<script>alert(1)</script>');
  });

  it('replaces invalid code points', () => {
    expect(decodeEntities('&#0;&#xD800;&#9999999;')).toBe('\uFFFD\uFFFD\uFFFD');
  });

  it('keeps a lone < that starts no tag, and drops an unterminated tag', () => {
    expect(htmlToText('1 < 2 and 3 <= 4')).toBe('1 < 2 and 3 <= 4');
    expect(htmlToText('before <b unterminated')).toBe('before');
  });

  it('collapses white space', () => {
    expect(htmlToText('  a \n\n b\t c  ')).toBe('a b c');
  });

  it('handles long hostile input in linear time', () => {
    const hostile = '<script>'.repeat(20_000) + '<a title="'.repeat(20_000) + '&#'.repeat(20_000);
    expect(typeof htmlToText(hostile)).toBe('string');
  });
});

describe('messagePlainText', () => {
  it('reduces HTML messages and leaves text messages literal', () => {
    expect(messagePlainText('html', '<p>a &amp; b</p>')).toBe('a & b');
    expect(messagePlainText('text', 'a <b> &amp;\n c')).toBe('a <b> &amp; c');
  });
});

describe('htmlToText, as notifications and previews read it', () => {
  it('reads an image by its alt text, as Teams sends emoji', () => {
    expect(htmlToText('Nice <img itemtype="http://schema.skype.com/Emoji" alt="😀" src="x.png"> work')).toBe('Nice 😀 work');
    expect(htmlToText("<img src='cat.png'>")).toBe('');
  });

  it('decodes entities once, after the tags are gone', () => {
    expect(htmlToText('&lt;b&gt;not bold&lt;/b&gt; &amp;amp; &#8364; &#x1F600;')).toBe('<b>not bold</b> &amp; € 😀');
  });
});

describe('decodeEntities, unknown names', () => {
  it('keeps unknown names and unterminated references', () => {
    expect(decodeEntities('&unknown; &amp')).toBe('&unknown; &amp');
  });
});

describe('collapseWhitespace', () => {
  it('makes one paragraph of any whitespace and drops soft hyphens', () => {
    expect(collapseWhitespace('  a\n\n\tb\u00a0 c\u00adc  ')).toBe('a b cc');
  });
});

describe('mentions, as other ACS and Teams clients send them', () => {
  const ana = '8:acs:00000000-0000-0000-0000-000000000001_00000000-0000-0000-0000-00000000000a';
  it('reads a mention as @Name in both formats', () => {
    expect(htmlToText(`<p>Hi <msft-mention id="${ana}">Ana</msft-mention>!</p>`)).toBe('Hi @Ana!');
    expect(htmlToText('<p><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">박지민</span> 님</p>')).toBe('@박지민 님');
    expect(htmlToText('<span class="x">plain</span>')).toBe('plain');
  });
  it('lists the raw ids a message mentions, once each, entities decoded', () => {
    expect(
      mentionedRawIds(`<msft-mention id="${ana}">Ana</msft-mention> <MSFT-MENTION id='8:orgid:b&amp;c'>B</MSFT-MENTION> <msft-mention id="${ana}">Ana</msft-mention>`),
    ).toEqual([ana, '8:orgid:b&c']);
    expect(mentionedRawIds('<p id="x">no mention</p><msft-mention>nameless</msft-mention>')).toEqual([]);
    expect(mentionedRawIds('<msft-mention data-x=">" id="8:acs:q">Q</msft-mention>')).toEqual(['8:acs:q']);
  });
});

describe('repliedMessageId', () => {
  it('reads the quoted message id of a Teams-format reply, and nothing from an ordinary quote', () => {
    const reply =
      '<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="1675884592345"><strong itemprop="mri" itemid="8:acs:x">Ana</strong><p itemprop="preview">Lunch?</p></blockquote><p>Yes</p>';
    expect(repliedMessageId(reply)).toBe('1675884592345');
    expect(repliedMessageId('<blockquote>quoted</blockquote>')).toBeNull();
    expect(repliedMessageId('<blockquote itemtype="http://schema.skype.com/Reply">no id</blockquote>')).toBeNull();
    expect(repliedMessageId('plain text')).toBeNull();
  });
  it('leaves the quote out of the text a reply reads as', () => {
    expect(
      htmlToText('<blockquote itemtype="http://schema.skype.com/Reply" itemid="1"><strong itemprop="mri">Ana</strong><p itemprop="preview">Lunch?</p></blockquote><p>Yes</p>'),
    ).toBe('Yes');
    expect(htmlToText('<blockquote>kept</blockquote><p>too</p>')).toBe('kept too');
  });
});

describe('markup readers on hostile input', () => {
  it('read unterminated tags in linear time', () => {
    const hostile = '<msft-mention id="x"'.repeat(20_000) + '<blockquote itemtype="http://schema.skype.com/Reply"'.repeat(20_000);
    expect(mentionedRawIds(hostile)).toEqual([]);
    expect(repliedMessageId(hostile)).toBeNull();
  });
});
