import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { escapeMarkdown } from '../../src/vscode/text/markdown';

/** The Markdown tree of s (CommonMark, as VS Code renders a MarkdownString), as [type, text] of each node. */
function render(s: string): { types: string[]; text: string } {
  const tree = unified().use(remarkParse).parse(s);
  const types: string[] = [];
  let text = '';
  const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
    types.push(n.type);
    if (n.type === 'text') text += n.value ?? '';
    for (const c of n.children ?? []) walk(c as typeof n);
  };
  walk(tree);
  return { types, text };
}

/** Article text as a hover could meet it: every construct of Markdown that is not plain text. */
const HOSTILE = [
  'Click [here](command:workbench.action.quit) now',
  '[x](command:marginalia.openArticle?%5B%22file%3A%2F%2F%2Fetc%2Fpasswd%22%5D)',
  '![a picture](https://example.com/a.png)',
  '<img src=x onerror="alert(1)"> <b>bold</b> <!-- comment -->',
  '<https://example.com> <command:workbench.action.quit>',
  '*emphasis* _emphasis_ **strong** __strong__ `code` ``co`de``',
  '# a heading',
  '## another ##',
  '- a list item',
  '+ another',
  '1. a numbered item',
  '2) another',
  '> a block quote',
  '---',
  '***',
  '    four spaces: code',
  '```fenced```',
  '~~~',
  '[ref]: https://example.com "title"',
  '[ref]',
  'a | table | row',
  'back\\slash \\* and \\[ already escaped',
  '&amp; &lt; &#42; &copy; entities',
  'a hard  \nbreak',
  'two\n\nparagraphs',
  'Setext heading\n===',
  'U.S. officials said 1,000 (about) were there - "quoted" & more!',
];

test('escapeMarkdown: any article text renders as exactly that text, with no link, image, HTML, code or block', () => {
  for (const s of HOSTILE) {
    const escaped = escapeMarkdown(s);
    // As the hover uses it: after a label, on the label's line.
    const { types, text } = render(`Said: ${escaped}`);
    assert.deepEqual(
      types.filter((t) => t !== 'root' && t !== 'paragraph' && t !== 'text'),
      [],
      `${JSON.stringify(s)} escaped as ${JSON.stringify(escaped)} renders as ${types.join(' ')}`,
    );
    assert.ok(types.filter((t) => t === 'paragraph').length <= 1, `${JSON.stringify(s)}: one paragraph at most`);
    // Line breaks become spaces (a hover line stays one line); everything else reads as written.
    assert.equal(text, `Said: ${s.replace(/\r?\n/g, ' ')}`.trimEnd(), `${JSON.stringify(s)} escaped as ${JSON.stringify(escaped)}`);
  }
});

test('escapeMarkdown: plain words stay plain (no escapes where none are needed)', () => {
  assert.equal(escapeMarkdown('Vladimir Putin'), 'Vladimir Putin');
  assert.equal(escapeMarkdown('Zelenskiy, Zelenskyy'), 'Zelenskiy, Zelenskyy');
});
