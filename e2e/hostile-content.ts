import type { Page } from '@playwright/test';

/**
 * Script-injection payloads for Parley's rendering of messages, topics and display names. Every payload
 * that manages to run calls `__canary(<id>)` (or one of the dialog functions the test replaces), so a
 * single executed payload is caught by name.
 */
const vectors: Array<(call: string) => string> = [
  (call) => `<script>${call}</script>`,
  (call) => `<img src=x onerror="${call}">`,
  (call) => `<img src="x" onerror=${call}>`,
  (call) => `<svg onload="${call}"></svg>`,
  (call) => `<svg><script>${call}</script></svg>`,
  (call) => `<svg><animate onbegin="${call}" attributeName=x dur=1s>`,
  (call) => `<iframe srcdoc="<script>parent.${call}</script>"></iframe>`,
  (call) => `<iframe src="javascript:parent.${call}"></iframe>`,
  (call) => `<a href="javascript:${call}">click me</a>`,
  (call) => `<a href="JaVaScRiPt:${call}">click me</a>`,
  (call) => `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:${call}">entities</a>`,
  (call) => `<a href="java&#x09;script:${call}">tab</a>`,
  (call) => `<a href="data:text/html,<script>${call}</script>">data</a>`,
  (call) => `<form action="javascript:${call}"><button>go</button></form>`,
  (call) => `<button formaction="javascript:${call}">go</button>`,
  (call) => `<meta http-equiv="refresh" content="0;url=javascript:${call}">`,
  (call) => `<body onload="${call}">`,
  (call) => `<input autofocus onfocus="${call}">`,
  (call) => `<details open ontoggle="${call}"><summary>x</summary></details>`,
  (call) => `<marquee onstart="${call}">x</marquee>`,
  (call) => `<video><source onerror="${call}"></video>`,
  (call) => `<audio src=x onerror="${call}"></audio>`,
  (call) => `<object data="javascript:${call}"></object>`,
  (call) => `<embed src="javascript:${call}">`,
  (call) => `<math><mtext><table><mglyph><style><img src=x onerror="${call}">`,
  (call) => `<noscript><p title="</noscript><img src=x onerror=${call}>">`,
  (call) => `<template><script>${call}</script></template><img src=x onerror="${call}">`,
  (call) => `<style>@import 'javascript:${call}';</style>`,
  (call) => `<div style="background:url(javascript:${call})">css</div>`,
  (call) => `<div style="width:expression(${call})">css</div>`,
  (call) => `<link rel="stylesheet" href="javascript:${call}">`,
  (call) => `<base href="javascript:${call}//">`,
  (call) => `"><img src=x onerror="${call}">`,
  (call) => `'><script>${call}</script>`,
  (call) => `</textarea><script>${call}</script>`,
  (call) => `</title><script>${call}</script>`,
  (call) => `<img srcset="x 1x, y 2x" onerror="${call}">`,
  (call) => `<svg><a xlink:href="javascript:${call}"><text x=20 y=20>svg link</text></a></svg>`,
  (call) => `<svg><foreignObject><iframe srcdoc="<script>parent.${call}</script>"></iframe></foreignObject></svg>`,
  (call) => `<img src="https://tracker.example/pixel.png" onload="${call}">`,
  (call) => `<scr<script>ipt>${call}</scr</script>ipt>`,
  (call) => `<IMG SRC=x ONERROR="${call}">`,
  (call) => `<a href="#" onclick="${call}" id="parley-click-me">click</a>`,
  (call) => `<p onmouseover="${call}" style="position:fixed;inset:0">cover the page</p>`,
  (call) => `<img src=x onerror=eval(atob('${Buffer.from(call).toString('base64')}'))>`,
];

export interface HostilePayload {
  id: string;
  text: string;
}

/** Markup other ACS and Teams clients send, which Parley reads apart: each must carry a payload as safely as plain HTML. */
const richWrappers: Array<(inner: string) => string> = [
  (inner) => `<p>Hi <msft-mention id="${inner}">${inner}</msft-mention></p>`,
  (inner) => `<span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="${inner}">${inner}</span>`,
  (inner) =>
    `<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="${inner}"><strong itemprop="mri" itemid="${inner}">${inner}</strong><span itemprop="time" itemid="1"></span><p itemprop="preview">${inner}</p></blockquote><p>reply</p>`,
  (inner) => `<img itemscope="" itemtype="http://schema.skype.com/Emoji" itemid="smile" src="https://tracker.example/emoji.png" alt="${inner}" title="${inner}"> ${inner}`,
];

/**
 * At least 100 distinct payloads: each vector, plain and wrapped in surrounding markup; every third vector also
 * inside mentions (both formats), a Teams reply quote and a Teams emoji.
 */
export function hostilePayloads(): HostilePayload[] {
  const wrappers: Array<(inner: string) => string> = [(inner) => inner, (inner) => `<p>Hello ${inner} there</p>`, (inner) => `<div><b>${inner}</b></div>`];
  return vectors.flatMap((vector, vectorIndex) =>
    [...wrappers, ...(vectorIndex % 3 === 0 ? richWrappers : [])].map((wrap, wrapIndex) => {
      const id = `v${vectorIndex}w${wrapIndex}`;
      return { id, text: wrap(vector(`__canary('${id}')`)) };
    }),
  );
}

/** Records any payload that runs (through `__canary` or a dialog function), and every request the page makes outside `origin`. */
export async function instrument(page: Page, origin: string): Promise<{ foreignRequests: string[]; executed: () => Promise<string[]> }> {
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  await page.addInitScript(() => {
    const executed: string[] = [];
    Object.assign(window, {
      __executed: executed,
      __canary: (id: string) => executed.push(id),
      alert: () => executed.push('alert'),
      confirm: () => executed.push('confirm'),
      prompt: () => executed.push('prompt'),
    });
  });
  return { foreignRequests, executed: () => page.evaluate(() => (window as unknown as { __executed: string[] }).__executed) };
}
