from torch import nn

from attention_steps import MultiHeadAttention, MultiHeadAttentionWrapper


def count(*modules):
    return sum(p.numel() for m in modules for p in m.parameters())


d, heads, tokens = 768, 12, 1024
split = MultiHeadAttention(d, d, heads)  # each head gets d // heads = 64 dimensions
full_heads = MultiHeadAttentionWrapper(d, d, tokens, 0.0, heads)  # each head gets all 768
full_out = nn.Linear(heads * d, d)  # back from 12 x 768 to 768

costs = {}
for name, params, head_dim in (("split", count(split), d // heads),
                               ("full width", count(full_heads, full_out), d)):
    # multiply-adds for one sequence: projections per token, then scores and mixing per pair
    projections = tokens * params
    attention = 2 * heads * tokens * tokens * head_dim
    costs[name] = (params, projections + attention)
    print(f"{name:10}  parameters {params:>10,}  multiply-adds {projections + attention:>15,}")
(p_split, m_split), (p_full, m_full) = costs.values()
print(f"full width / split: {p_full / p_split:.2f} times the parameters, {m_full / m_split:.2f} times the multiply-adds")
