from attention_steps import HELLO_WORLD, Vocabulary, split_words

print(split_words(HELLO_WORLD))
vocab = Vocabulary(HELLO_WORLD)
print(vocab.words)
ids = vocab.encode(HELLO_WORLD)
print(ids)
print(vocab.decode(ids))
print(vocab.encode("Hello Mars!"))
