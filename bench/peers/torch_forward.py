"""The bench's PyTorch peer for compare: an encoder of a given shape (BERT-style post-norm or GPT-2-style
pre-norm blocks, random weights: speed does not depend on their values) returning every layer's hidden
states in Hugging Face's output_hidden_states order, then Probe Lens' ten heads on them, each standardising
its input first as a trained probe does: pooling (mean, max, weighted, cls, last) over the last layer's
tokens, fusion (last, last+mlp, scalarmix, concat, dwatt) over the words' first tokens in every layer.

usage: /usr/bin/python3 torch_forward.py '<json config>'   (bench/torch-forward.ts builds the config)
Prints "ready <torch version>", then answers each stdin line "<tokens> <words>" with the milliseconds one
text of that many tokens took (encoder and heads, timed inside this process), one line each.
"""
import json
import math
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F


class Block(nn.Module):
    """One transformer block: self-attention and a GELU feed-forward, norms before (GPT-2) or after (BERT)."""

    def __init__(self, d, heads, inner, pre_norm, causal):
        super().__init__()
        self.heads, self.pre_norm, self.causal = heads, pre_norm, causal
        self.qkv, self.attn_out = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.up, self.down = nn.Linear(d, inner), nn.Linear(inner, d)
        self.norm1, self.norm2 = nn.LayerNorm(d), nn.LayerNorm(d)

    def attend(self, x):
        b, t, d = x.shape
        q, k, v = (part.view(b, t, self.heads, d // self.heads).transpose(1, 2) for part in self.qkv(x).chunk(3, dim=-1))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // self.heads)
        if self.causal:
            scores = scores.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float("-inf"))
        return self.attn_out((scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d))

    def forward(self, x):
        if self.pre_norm:
            x = x + self.attend(self.norm1(x))
            return x + self.down(F.gelu(self.up(self.norm2(x)), approximate="tanh"))
        x = self.norm1(x + self.attend(x))
        return self.norm2(x + self.down(F.gelu(self.up(x))))


class Encoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        d, gpt2 = c["hidden"], c["arch"] == "gpt2"
        self.gpt2 = gpt2
        self.tokens, self.positions = nn.Embedding(c["vocab"], d), nn.Embedding(c["positions"], d)
        self.segments = None if gpt2 else nn.Embedding(2, d)
        self.embedding_norm = None if gpt2 else nn.LayerNorm(d)
        self.blocks = nn.ModuleList(Block(d, c["heads"], c["intermediate"], gpt2, gpt2) for _ in range(c["layers"]))
        self.final_norm = nn.LayerNorm(d) if gpt2 else None

    def forward(self, ids):
        """[layers + 1, tokens, hidden] for one text: z_0 the embeddings, z_n block n's output (GPT-2's last after ln_f)."""
        x = self.tokens(ids) + self.positions(torch.arange(ids.shape[1]))
        if not self.gpt2:
            x = self.embedding_norm(x + self.segments(torch.zeros_like(ids)))
        states = [x]
        for block in self.blocks:
            states.append(block(states[-1]))
        if self.gpt2:
            states[-1] = self.final_norm(states[-1])
        return torch.cat(states)


class Standardize(nn.Module):
    """(x - mean) * scale per layer and feature: a probe's standardisation of its input."""

    def __init__(self, layers, d):
        super().__init__()
        self.register_buffer("mean", torch.randn(layers, 1, d) * 0.1)
        self.register_buffer("scale", 1 + torch.rand(layers, 1, d))

    def forward(self, x):
        return (x - self.mean) * self.scale


class Bottleneck(nn.Module):
    """f(x) = W·LN(gelu(U·x)) for `stack` inputs at once ([stack, rows, d]), each with its own weights."""

    def __init__(self, stack, d, width):
        super().__init__()
        self.up_weight, self.up_bias = nn.Parameter(torch.randn(stack, d, width) * 0.02), nn.Parameter(torch.zeros(stack, 1, width))
        self.norm_gain, self.norm_bias = nn.Parameter(torch.ones(stack, 1, width)), nn.Parameter(torch.zeros(stack, 1, width))
        self.down_weight, self.down_bias = nn.Parameter(torch.randn(stack, width, d) * 0.02), nn.Parameter(torch.zeros(stack, 1, d))

    def forward(self, x):
        inner = F.gelu(torch.baddbmm(self.up_bias, x, self.up_weight), approximate="tanh")
        inner = F.layer_norm(inner, inner.shape[-1:]) * self.norm_gain + self.norm_bias
        return torch.baddbmm(self.down_bias, inner, self.down_weight)


class Pooling(nn.Module):
    def __init__(self, kind, d, labels):
        super().__init__()
        self.kind, self.standardize, self.classifier = kind, Standardize(1, d), nn.Linear(d, labels)
        self.score = nn.Linear(d, 1) if kind == "weighted" else None

    def forward(self, top):
        x = self.standardize(top[None])[0]
        if self.kind == "mean":
            pooled = x.mean(0)
        elif self.kind == "max":
            pooled = x.max(0).values
        elif self.kind == "weighted":
            pooled = (self.score(x).softmax(0) * x).sum(0)
        else:
            pooled = x[0] if self.kind == "cls" else x[-1]
        return self.classifier(pooled).softmax(-1)


class Fusion(nn.Module):
    def __init__(self, kind, layers, d, labels, mlp_width, depth):
        super().__init__()
        self.kind, self.classifier = kind, nn.Linear(d, labels)
        self.standardize = Standardize(1 if kind in ("last", "last+mlp") else layers, d)
        width = max(1, round(d / 2))
        if kind == "last+mlp":
            self.mlp = Bottleneck(1, d, mlp_width)
        elif kind == "scalarmix":
            self.mix, self.gamma = nn.Parameter(torch.zeros(layers)), nn.Parameter(torch.ones(()))
        elif kind == "concat":
            self.projection = nn.Linear(layers * d, d)
        elif kind == "dwatt":
            self.depth, self.key = nn.Parameter(torch.rand(layers, depth)), nn.Linear(depth, d, bias=False)
            self.query, self.values = Bottleneck(1, d, width), Bottleneck(layers, d, width)
            self.value_gain, self.value_bias = nn.Parameter(torch.ones(layers, 1, d)), nn.Parameter(torch.zeros(layers, 1, d))

    def forward(self, words):
        """words: [layers, words, d], every layer's rows of the words' first tokens."""
        if self.kind in ("last", "last+mlp"):
            top = self.standardize(words[-1:])
            h = top[0] if self.kind == "last" else (top + self.mlp(top))[0]
        else:
            z = self.standardize(words)
            if self.kind == "scalarmix":
                h = self.gamma * (self.mix.softmax(0)[:, None, None] * z).sum(0)
            elif self.kind == "concat":
                h = self.projection(z.transpose(0, 1).reshape(z.shape[1], -1))
            else:
                top = z[-1:]
                query = 1 + F.elu(top + self.query(top))[0]
                alpha = (query @ self.key(self.depth).T).softmax(-1)
                values = F.layer_norm(self.values(z), z.shape[-1:]) * self.value_gain + self.value_bias
                h = top[0] + torch.einsum("wl,lwd->wd", alpha, values)
        return self.classifier(h).softmax(-1)


def main():
    c = json.loads(sys.argv[1])
    torch.manual_seed(c.get("seed", 0))
    torch.set_num_threads(c["threads"])
    layers, d = c["layers"] + 1, c["hidden"]
    encoder = Encoder(c).eval()
    pooling = [Pooling(kind, d, c["sentimentLabels"]).eval() for kind in ("mean", "max", "weighted", "cls", "last")]
    fusion = [Fusion(kind, layers, d, c["nerLabels"], c["mlpWidth"], c["depthSize"]).eval()
              for kind in ("last", "last+mlp", "scalarmix", "concat", "dwatt")]
    print("ready", torch.__version__, flush=True)
    for line in sys.stdin:
        tokens, words = (int(v) for v in line.split())
        ids = torch.randint(1000, min(c["vocab"], 20000), (1, tokens))
        rows = torch.linspace(0, tokens - 1, words).round().long()
        started = time.perf_counter()
        with torch.inference_mode():
            states = encoder(ids)
            for head in pooling:
                head(states[-1])
            for head in fusion:
                head(states[:, rows])
        print(f"{(time.perf_counter() - started) * 1000:.4f}", flush=True)


main()
