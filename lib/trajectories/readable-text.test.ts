import { describe, expect, it } from "vitest";
import { hasHiddenBytes, readableText } from "./readable-text";

describe("readableText", () => {
  it("strips terminal control sequences", () => {
    expect(readableText("\u001b]0;root@box: /\u0007root@box:/# ls\r\n\u001b[Kbin  etc\r\n")).toBe("root@box:/# ls\nbin  etc");
  });

  it("puts each [SEP] item of a page dump on its own line", () => {
    expect(readableText("Back to Search [SEP] Page 1 (Total results: 50) [SEP] Next >")).toBe(
      "Back to Search\nPage 1 (Total results: 50)\nNext >",
    );
  });

  it("reduces HTML to text and names removed script blocks", () => {
    const html = '<div><b>Price:</b> $12 &amp; up<img src=x onerror=alert(1)></div><script>alert(1)</script><p>In stock</p>';
    expect(readableText(html)).toBe("Price: $12 & up\n[script removed]\nIn stock");
  });

  it("leaves plain text alone, and says when nothing is hidden", () => {
    expect(readableText("Observation: [(28,)]")).toBe("Observation: [(28,)]");
    expect(hasHiddenBytes("Observation: [(28,)]")).toBe(false);
    expect(hasHiddenBytes("a\u001b[31mred")).toBe(true);
  });

  it("does not treat comparisons as tags", () => {
    expect(readableText("if a < b and c > d")).toBe("if a < b and c > d");
  });
});
