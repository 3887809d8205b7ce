from attention_steps import MultiHeadAttention

try:
    MultiHeadAttention(d_in=8, d_out=8, num_heads=3)
except ValueError as error:
    print("ValueError:", error)
