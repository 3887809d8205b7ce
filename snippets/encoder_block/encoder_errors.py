import torch

from attention_steps import Encoder

torch.manual_seed(123)
encoder = Encoder(vocab_size=6, d_model=4, num_heads=2, d_hidden=16, num_layers=2, context_length=16)
bad_inputs = {
    "an id outside the vocabulary": torch.tensor([[4, 5, 9]]),
    "more tokens than context_length": torch.zeros(1, 17, dtype=torch.long),
    "floats instead of ids": torch.rand(1, 6, 4),
}
for problem, token_ids in bad_inputs.items():
    try:
        encoder(token_ids)
    except (TypeError, ValueError) as error:
        print(f"{problem}: {type(error).__name__}: {error}")
