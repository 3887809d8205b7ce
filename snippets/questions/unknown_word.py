from attention_steps import Vocabulary, split_words
from attention_steps.corpus import TINY_TEXT

words = Vocabulary(TINY_TEXT)  # every word of the corpus, and <unk> with id 0
print(f"{len(words)} words in the vocabulary")
sentence = "las lunas miran el mar"
print(sentence, "->", words.encode(sentence))
print("back:", words.decode(words.encode(sentence)))  # 'las', 'lunas', 'miran' are lost

# Characters: a short alphabet that spells any word made of them.
chars = sorted(set(TINY_TEXT))
print(f"{len(chars)} characters spell it all:", all(c in chars for c in sentence))


def pieces(word: str) -> list[str]:
    """Split `word` greedily into the longest known words, then single characters."""
    out = []
    while word:
        size = next(n for n in range(len(word), 0, -1) if word[:n] in words.ids or n == 1)
        out.append(word[:size])
        word = word[size:]
    return out


for word in split_words(sentence):
    print(f"{word:6} -> {pieces(word)}")  # subwords: a known stem and the rest
