"""A tiny word-level tokenizer and vocabulary: text in, token ids out."""

# --8<-- [start:imports]
import re

from attention_steps.checks import require_instance, require_known_ids, require_words
# --8<-- [end:imports]


# --8<-- [start:split_words]
def split_words(text: str) -> list[str]:
    """Lower-case `text` and split it into words and single punctuation marks."""
    require_instance(text, str, "text")
    return re.findall(r"\w+|[^\w\s]", text.lower())
# --8<-- [end:split_words]


# --8<-- [start:Vocabulary]
class Vocabulary:
    """Maps each known word to an id (in sorted order) and unknown words to <unk>, id 0."""

    UNKNOWN = "<unk>"

    def __init__(self, text: str):
        words = sorted(set(split_words(text)))
        require_words(words)
        self.words = [self.UNKNOWN, *words]
        self.ids = {word: i for i, word in enumerate(self.words)}

    def __len__(self) -> int:
        return len(self.words)

    def encode(self, text: str) -> list[int]:
        """The id of each word of `text`; words not in the vocabulary get id 0."""
        return [self.ids.get(word, 0) for word in split_words(text)]

    def decode(self, ids) -> list[str]:
        """The word of each id."""
        require_known_ids(ids, len(self))
        return [self.words[int(i)] for i in ids]
# --8<-- [end:Vocabulary]
