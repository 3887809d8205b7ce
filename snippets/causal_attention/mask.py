from attention_steps import causal_mask

mask = causal_mask(6)  # (6, 6), True where a token would see a later token
print(mask.int())
print("hidden pairs:", int(mask.sum()), "of", mask.numel())
