import pytest
import torch

from attention_steps import HELLO_WORLD, Vocabulary, split_words


def test_words_and_punctuation_are_separate_tokens():
    assert split_words("Hello, World!") == ["hello", ",", "world", "!"]
    assert split_words("  ") == []


def test_vocabulary_is_sorted_with_unknown_first():
    vocab = Vocabulary(HELLO_WORLD)
    assert vocab.words == ["<unk>", "!", ".", "attention", "hello", "world"]
    assert len(vocab) == 6


def test_encode_then_decode_gives_the_words_back():
    vocab = Vocabulary(HELLO_WORLD)
    ids = vocab.encode(HELLO_WORLD)
    assert ids == [4, 5, 1, 4, 3, 2]
    assert vocab.decode(ids) == split_words(HELLO_WORLD)
    assert vocab.decode(torch.tensor(ids)) == split_words(HELLO_WORLD)


def test_unknown_words_get_id_zero():
    assert Vocabulary(HELLO_WORLD).encode("hello mars") == [4, 0]


@pytest.mark.parametrize("call, error, words", [
    (lambda: Vocabulary(""), ValueError, "at least one word"),
    (lambda: Vocabulary(None), TypeError, "text must be a str"),
    (lambda: Vocabulary(HELLO_WORLD).encode(b"hello"), TypeError, "text must be a str"),
    (lambda: Vocabulary(HELLO_WORLD).decode([6]), ValueError, "token id 6 is outside"),
    (lambda: Vocabulary(HELLO_WORLD).decode([-1]), ValueError, "token id -1 is outside"),
])
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error, match=words):
        call()
