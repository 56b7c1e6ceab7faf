import { describe, expect, it } from "vitest";
import { stripControlSequences } from "./control";
import { countWordTokens, wordTokens } from "./tokens";

const ESC = "\u001b";

describe("stripControlSequences", () => {
  it("returns clean text unchanged (same string)", () => {
    const text = "plain text\twith tabs\nand lines";
    expect(stripControlSequences(text)).toBe(text);
  });

  it("removes CSI colour and erase sequences", () => {
    expect(stripControlSequences(`${ESC}[01;34mdir${ESC}[0m file${ESC}[K`)).toBe("dir file");
    expect(stripControlSequences(`a${ESC}[?2004hb${ESC}[?2004l`)).toBe("ab");
  });

  it("removes OSC titles terminated by BEL or ST", () => {
    expect(stripControlSequences(`${ESC}]0;root@host: /\u0007root# ls`)).toBe("root# ls");
    expect(stripControlSequences(`${ESC}]0;title${ESC}\\prompt$ `)).toBe("prompt$ ");
  });

  it("ends an unterminated OSC at the newline", () => {
    expect(stripControlSequences(`${ESC}]0;never closed\nnext line`)).toBe("\nnext line");
  });

  it("removes other ESC sequences and a truncated CSI at the end", () => {
    expect(stripControlSequences(`${ESC}(Bx${ESC}=y${ESC}7z${ESC}[`)).toBe("xyz");
  });

  it("removes C0 controls and DEL but keeps tab and newline", () => {
    expect(stripControlSequences("a\u0000b\u0007c\u000bd\u007fe\tf\ng")).toBe("abcde\tf\ng");
  });

  it("turns \\r\\n into \\n", () => {
    expect(stripControlSequences("one\r\ntwo\r\r\nthree\r")).toBe("one\ntwo\nthree");
  });

  it("keeps the text after the last carriage return of a line (overwrite)", () => {
    expect(stripControlSequences("Progress 10%\rProgress 55%\rProgress 100%\r\ndone")).toBe("Progress 100%\ndone");
  });

  it("can drop lone carriage returns instead", () => {
    expect(stripControlSequences("ab\rcd\r\n", "drop")).toBe("abcd\n");
  });

  it("applies backspaces within a line", () => {
    expect(stripControlSequences("N\bNA\bAM\bME\bE\nx\b")).toBe("NAME\n");
  });

  it("handles a realistic docker tty observation", () => {
    const raw =
      `The output of the OS:\r\n${ESC}]0;root@abc: /${ESC}\\${ESC}[01;32mroot@abc${ESC}[00m:${ESC}[01;34m/${ESC}[00m# cat a.txt\r\n` +
      `hello\r\n${ESC}[?2004h${ESC}]0;root@abc: /\u0007`;
    expect(stripControlSequences(raw)).toBe("The output of the OS:\nroot@abc:/# cat a.txt\nhello\n");
  });

  it("stays linear on large hostile input", () => {
    const hostile = `${ESC}]`.repeat(50_000) + `${ESC}[`.repeat(50_000) + "x\r".repeat(50_000) + "\b".repeat(50_000);
    const t0 = performance.now();
    stripControlSequences(hostile);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe("wordTokens", () => {
  it("splits on anything but letters, digits and underscore, any script", () => {
    expect(wordTokens("SELECT team_name, COUNT(*) FROM t; — Zürich 東京 42")).toEqual([
      "SELECT",
      "team_name",
      "COUNT",
      "FROM",
      "t",
      "Zürich",
      "東京",
      "42",
    ]);
    expect(wordTokens("[SEP] <b>x</b>")).toEqual(["SEP", "b", "x", "b"]);
    expect(wordTokens("")).toEqual([]);
  });

  it("counts the same tokens", () => {
    const text = "Think: ls -la /etc | wc -l\n```bash\nls\n```";
    expect(countWordTokens(text)).toBe(wordTokens(text).length);
    expect(countWordTokens("  ... ")).toBe(0);
    expect(countWordTokens("")).toBe(0);
  });

  it("counts exactly like wordTokens on random text of any script", () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let k = 0; k < 3000; k++) {
      let s = "";
      for (let j = 0; j < 40; j++) {
        const r = rand();
        if (r < 0.45) s += String.fromCharCode(32 + Math.floor(rand() * 96));
        else if (r < 0.75) s += String.fromCharCode(Math.floor(rand() * 0xffff)); // includes lone surrogates
        else s += String.fromCodePoint(0x10000 + Math.floor(rand() * 0x20000));
      }
      expect(countWordTokens(s)).toBe(wordTokens(s).length);
    }
  });
});
