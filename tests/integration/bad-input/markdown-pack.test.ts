import { renderAlignmentPack } from '../../../src/metrics/render-pack';
import { sampleScorecard } from '../../unit/metrics/sample-scorecard';

const IMG = '<img src=x onerror=alert(1)>';

describe('CRM values in the Markdown pack', () => {
  const base = sampleScorecard();
  const hostile = sampleScorecard({
    rejections: [
      { code: IMG, count: 3 },
      { code: '[click](javascript:alert(1))', count: 2 },
      { code: '`code` | extra column\n# heading', count: 1 },
    ],
    leftBehind: base.leftBehind.map((lead) => ({
      ...lead,
      ownerName: '<script>alert(1)</script>',
      campaign: '![x](http://evil.example/t.png)',
    })),
  });
  const md = renderAlignmentPack(hostile, base, 'markdown');

  it('a rejection code holding an <img onerror> comes out as inert text', () => {
    expect(md).not.toMatch(/<img|<script/i);
    expect(md).toContain('| &lt;img src=x onerror=alert(1)&gt; | 3 |');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('makes no link, image, code span, column or heading out of a value', () => {
    expect(md).toContain('| \\[click\\](javascript:alert(1)) | 2 |');
    expect(md).toContain('!\\[x\\](http://evil.example/t.png)');
    expect(md).toContain('| \\`code\\` \\| extra column # heading | 1 |');
    expect(md).not.toMatch(/^# heading/m);
  });
});
