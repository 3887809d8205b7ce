from attention_steps import sinusoidal_positional_encoding

for num_positions, d_model in ((4, 5), (0, 4)):
    try:
        sinusoidal_positional_encoding(num_positions, d_model)
    except ValueError as error:
        print("ValueError:", error)
