from attention_steps import sinusoidal_positional_encoding

pe = sinusoidal_positional_encoding(num_positions=50, d_model=64)  # (50, 64)
dots = pe @ pe.T  # (50, 50): every position with every other


def show(label, row):
    print(label, " ".join(f"{value:5.2f}" for value in row.tolist()))


show("position  0 with  0..6: ", dots[0, 0:7])
show("position 20 with 20..26:", dots[20, 20:27])
show("position 20 with 14..20:", dots[20, 14:21])
show("position 20 with 40..46:", dots[20, 40:47])
