from attention_steps import inverse_frequencies, sinusoidal_positional_encoding

print(inverse_frequencies(d_model=4))
print(sinusoidal_positional_encoding(num_positions=4, d_model=4))
