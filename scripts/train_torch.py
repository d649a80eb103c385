#!/usr/bin/env python3
"""The PyTorch twin of attnbook's tiny Bahdanau encoder-decoder (Sources/Training).

`attnbook-train-bench` writes a JSON file with the model's sizes, initial weights, Adam's
settings and every epoch's batches (word ids), then runs this script on it. The script trains the
same model on the same batches from the same weights, in float64 on the CPU, written out op by op
like Sources/Training/Model/Seq2SeqModel.swift (Bahdanau et al. 2014, with the engine's GRU
convention: reset before the matmul, h = h- + z*(n - h-)), and prints one JSON object: the
per-epoch losses, the median training time over `repeats` cold runs, and the final weights.

    python3 scripts/train_torch.py SPEC.json

When torch cannot be imported it prints {"torch": null, "reason": ...} and exits with status 0,
so the benchmark can say so and carry on.
"""
import json
import statistics
import sys
import time


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    try:
        import torch
    except ImportError as error:
        print(json.dumps({"torch": None, "reason": str(error)}))
        return
    import torch.nn.functional as F

    # One thread, like the Swift trainer; the matrices are far too small for intra-op threads.
    torch.set_num_threads(1)
    names = spec["names"]
    config = spec["configuration"]

    def initial_parameters():
        out = {}
        for name in names:
            t = spec["initial"][name]
            out[name] = torch.tensor(t["values"], dtype=torch.float64).reshape(t["rows"], t["cols"]).requires_grad_()
        return out

    def gru(P, prefix, x, h):
        z = torch.sigmoid(x @ P[prefix + "W_z"].T + h @ P[prefix + "U_z"].T + P[prefix + "b_z"])
        r = torch.sigmoid(x @ P[prefix + "W_r"].T + h @ P[prefix + "U_r"].T + P[prefix + "b_r"])
        n = torch.tanh(x @ P[prefix + "W"].T + (r * h) @ P[prefix + "U"].T + P[prefix + "b"])
        return h + z * (n - h)

    def batch_loss(P, sources, targets):
        B, S = sources.shape
        T = targets.shape[1]
        H = config["encoderHidden"]
        x = P["E_x"][sources]                                  # (B, S, m)
        zeros = torch.zeros(B, H, dtype=torch.float64)
        forward, h = [], zeros
        for i in range(S):
            h = gru(P, "enc→.", x[:, i], h)
            forward.append(h)
        backward, h = [None] * S, zeros
        for i in reversed(range(S)):
            h = gru(P, "enc←.", x[:, i], h)
            backward[i] = h
        annotations = torch.cat([torch.stack(forward, 1), torch.stack(backward, 1)], 2)   # (B, S, 2H)
        keys = annotations @ P["U_a"].T                                                    # (B, S, d_a)
        s = torch.tanh(backward[0] @ P["W_s"].T + P["b_s"])                               # (B, n)
        bos = torch.full((B,), 1, dtype=torch.long)
        eos = torch.zeros(B, dtype=torch.long)
        logits, wanted = [], []
        for t in range(T + 1):
            previous = bos if t == 0 else targets[:, t - 1]
            e = (torch.tanh(keys + (s @ P["W_a"].T)[:, None, :]) @ P["v_a"].T).squeeze(2)  # (B, S)
            alpha = torch.softmax(e, dim=1)
            a = torch.bmm(alpha[:, None, :], annotations).squeeze(1)                         # (B, 2H)
            s = gru(P, "dec.", torch.cat([P["E_y"][previous], a], 1), s)
            logits.append(torch.cat([s, a], 1) @ P["W_o"].T + P["b_o"])
            wanted.append(eos if t == T else targets[:, t])
        return F.cross_entropy(torch.cat(logits, 0), torch.cat(wanted, 0))

    schedule = [[(torch.tensor(b["sources"], dtype=torch.long), torch.tensor(b["targets"], dtype=torch.long))
                 for b in epoch] for epoch in spec["schedule"]]

    def train():
        P = initial_parameters()
        optimizer = torch.optim.Adam([P[n] for n in names], lr=config["learningRate"],
                                     betas=(config["beta1"], config["beta2"]), eps=config["epsilon"], foreach=False)
        losses = []
        for epoch in schedule:
            total, count = 0.0, 0
            for sources, targets in epoch:
                optimizer.zero_grad(set_to_none=True)
                loss = batch_loss(P, sources, targets)
                loss.backward()
                optimizer.step()
                tokens = sources.shape[0] * (targets.shape[1] + 1)
                total += loss.item() * tokens
                count += tokens
            losses.append(total / count)
        return losses, P

    times = []
    for _ in range(spec["repeats"]):
        start = time.perf_counter()
        losses, P = train()
        times.append(time.perf_counter() - start)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "medianSeconds": statistics.median(times),
        "epochLosses": losses,
        "final": {n: P[n].detach().reshape(-1).tolist() for n in names},
    }))


if __name__ == "__main__":
    main()
