import torch

from attention_steps import LayerNorm, hello_world_inputs

x = hello_world_inputs()  # (6, 4)
norm = LayerNorm(d_model=4)


def stats(label, t):
    """Print the mean and the variance of each row (token) of t."""
    means = " ".join(f"{round(m, 4) + 0.0:7.4f}" for m in t.mean(dim=-1).tolist())  # no -0.0
    variances = " ".join(f"{v:.4f}" for v in t.var(dim=-1, unbiased=False).tolist())
    print(f"{label:12}  mean {means}   variance {variances}")


with torch.no_grad():
    stats("input", x)
    stats("normalised", norm(x))
    norm.scale.fill_(2.0)  # learned in training; set by hand here
    norm.shift.fill_(0.5)
    stats("scale, shift", norm(x))
