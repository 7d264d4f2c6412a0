import { describe, expect, it } from 'vitest';
import { attachmentsOf } from './attachments.ts';

describe('attachments other clients send', () => {
  it('reads the service’s attachments: images and files, with their URLs', () => {
    const ignored: string[] = [];
    const attachments = attachmentsOf(
      [
        {
          id: 'img-1',
          attachmentType: 'image',
          name: 'whiteboard.png',
          url: 'https://contoso.communication.azure.com/chat/threads/t/images/img-1/views/original',
          previewUrl: 'https://contoso.communication.azure.com/chat/threads/t/images/img-1/views/small',
        },
        { id: 'file-1', attachmentType: 'file', name: 'Q3 plan.pdf', url: 'https://contoso.sharepoint.com/q3.pdf' },
        { id: 'odd', attachmentType: 'unknown', url: 'https://contoso.example/x.bin' },
      ],
      null,
      (detail) => ignored.push(detail),
    );
    expect(attachments).toEqual([
      {
        id: 'img-1',
        kind: 'image',
        name: 'whiteboard.png',
        url: 'https://contoso.communication.azure.com/chat/threads/t/images/img-1/views/original',
        previewUrl: 'https://contoso.communication.azure.com/chat/threads/t/images/img-1/views/small',
      },
      { id: 'file-1', kind: 'file', name: 'Q3 plan.pdf', url: 'https://contoso.sharepoint.com/q3.pdf', previewUrl: null },
      { id: 'odd', kind: 'file', name: 'x.bin', url: 'https://contoso.example/x.bin', previewUrl: null },
    ]);
    expect(ignored).toEqual([]);
  });

  it('reads the UI Library’s shared files from metadata, always as files', () => {
    const metadata = {
      fileSharingMetadata: JSON.stringify([
        { id: 'f1', name: '회의록.docx', extension: 'docx', url: 'https://files.example/회의록.docx' },
        { name: 'photo.jpg', url: 'https://files.example/p.jpg' },
      ]),
    };
    expect(attachmentsOf(undefined, metadata)).toEqual([
      { id: 'f1', kind: 'file', name: '회의록.docx', url: 'https://files.example/%ED%9A%8C%EC%9D%98%EB%A1%9D.docx', previewUrl: null },
      { id: 'shared-1', kind: 'file', name: 'photo.jpg', url: 'https://files.example/p.jpg', previewUrl: null },
    ]);
  });

  it('drops malformed entries with a reason, keeping the good ones and never throwing', () => {
    const ignored: string[] = [];
    const report = (detail: string) => ignored.push(detail);
    const attachments = attachmentsOf(
      [
        null,
        { attachmentType: 'image' },
        { id: 'x', url: 'javascript:alert(1)' },
        { id: 'y', name: 'a\u0000b<script>', url: 'file:///etc/passwd', previewUrl: 'https://ok.example/y' },
      ],
      { fileSharingMetadata: '[{"name":"n","url":"data:text/html,<script>"}, 7]' },
      report,
    );
    expect(attachments).toEqual([{ id: 'y', kind: 'file', name: 'ab<script>', url: 'https://ok.example/y', previewUrl: 'https://ok.example/y' }]);
    expect(ignored).toHaveLength(5);
    expect(attachmentsOf('not a list', { fileSharingMetadata: '{not json' }, report)).toEqual([]);
    expect(attachmentsOf([], { fileSharingMetadata: '{"a":1}' }, report)).toEqual([]);
  });

  it('opens a Teams file at its previewUrl, the only link Teams gives', () => {
    const [file] = attachmentsOf([{ id: 'f', attachmentType: 'file', name: 'business report.pdf', previewUrl: 'https://contoso.sharepoint.com/:u:/g/user/h8jTwB0Zl1AY' }], null);
    expect(file).toEqual({
      id: 'f',
      kind: 'file',
      name: 'business report.pdf',
      url: 'https://contoso.sharepoint.com/:u:/g/user/h8jTwB0Zl1AY',
      previewUrl: 'https://contoso.sharepoint.com/:u:/g/user/h8jTwB0Zl1AY',
    });
  });

  it('names cannot hide or reorder what the card shows, and URLs cannot hide their host behind a user name', () => {
    const ignored: string[] = [];
    const attachments = attachmentsOf(
      [
        { id: 'rtl', attachmentType: 'file', name: 'invoice\u202Efdp.exe', url: 'https://files.example/a' },
        { id: 'isolates', attachmentType: 'file', name: '\u2067evil\u2069\u200F.txt\u061C', url: 'https://files.example/b' },
        { id: 'userinfo', attachmentType: 'image', url: 'https://contoso.communication.azure.com@evil.example/x.png' },
        { id: 'password', attachmentType: 'file', url: 'https://a:b@files.example/c' },
      ],
      { fileSharingMetadata: JSON.stringify([{ name: 'x', url: 'https://contoso.communication.azure.com:443@evil.example/' }]) },
      (detail) => ignored.push(detail),
    );
    expect(attachments.map((attachment) => attachment.name)).toEqual(['invoicefdp.exe', 'evil.txt']);
    expect(ignored).toHaveLength(3);
  });

  it('reads at most the contract’s number of attachments', () => {
    const many = Array.from({ length: 30 }, (_, index) => ({ id: `f${index}`, attachmentType: 'file', url: `https://x.example/${index}` }));
    expect(attachmentsOf(many, null)).toHaveLength(20);
  });
});
