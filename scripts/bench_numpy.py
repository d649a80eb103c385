#!/usr/bin/env python3
"""The attnbook-bench computations in numpy, for a Swift/numpy ratio.

Same sizes and repeat count as Sources/attnbook-bench/CoreCases.swift: 512 queries x 512 keys,
d = 64; a 64-step Bahdanau decoder (GRU in Bahdanau's convention, additive score) over 512 source
positions. Prints one JSON object mapping each case key to its median time in milliseconds.
Random inputs come from numpy (timings do not depend on the values).
"""
import argparse
import json
import statistics
import time

import numpy as np

Q_ROWS, K_ROWS, D, STEPS = 512, 512, 64, 64


def softmax_rows(e):
    m = e.max(axis=-1, keepdims=True)
    x = np.exp(e - m)
    return x / x.sum(axis=-1, keepdims=True)


def attend_scaled_dot(q, k, v):
    e = q @ k.T / np.sqrt(k.shape[1])          # (T, d) @ (d, S) -> (T, S)
    alpha = softmax_rows(e)
    return alpha @ v                            # (T, S) @ (S, d) -> (T, d)


def attend_additive(q, k, v, w1, w2, vv, chunk=64):
    k1 = k @ w1.T                               # (S, d) @ (d, d_a) -> (S, d_a), once
    q2 = q @ w2.T                               # (T, d) @ (d, d_a) -> (T, d_a)
    e = np.empty((q.shape[0], k.shape[0]))
    for start in range(0, q.shape[0], chunk):   # chunks keep the (T, S, d_a) temporary small
        e[start:start + chunk] = np.tanh(k1[None, :, :] + q2[start:start + chunk, None, :]) @ vv
    alpha = softmax_rows(e)
    return alpha @ v


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def bahdanau_gru(h, y, w1, w2, vv, gru):
    (wz, uz, bz), (wr, ur, br), (wn, un, bn) = gru
    k1 = h @ w1.T
    s = np.zeros(h.shape[1])
    states = []
    alignment = []
    for t in range(y.shape[0]):
        e = np.tanh(k1 + w2 @ s) @ vv            # score with s_{t-1}
        alpha = softmax_rows(e)
        a = alpha @ h
        x = np.concatenate([y[t], a])           # y'_t = [y_t; a_t]
        z = sigmoid(wz @ x + uz @ s + bz)
        r = sigmoid(wr @ x + ur @ s + br)
        n = np.tanh(wn @ x + un @ (r * s) + bn)
        s = (1 - z) * s + z * n
        states.append(s)
        alignment.append(alpha)
    return np.array(states), np.array(alignment)


def median_ms(repeats, fn):
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    u = lambda *shape: rng.uniform(-1, 1, size=shape)
    q, k, v = u(Q_ROWS, D), u(K_ROWS, D), u(K_ROWS, D)
    w1, w2, vv = 0.125 * u(D, D), 0.125 * u(D, D), u(D)
    y = u(STEPS, D)
    scale = 1 / np.sqrt(D)
    gru = [(scale * u(D, 2 * D), scale * u(D, D), scale * u(D)) for _ in range(3)]
    results = {
        "attendAll_scaledDot": median_ms(args.repeats, lambda: attend_scaled_dot(q, k, v)),
        "attendAll_additive": median_ms(args.repeats, lambda: attend_additive(q, k, v, w1, w2, vv)),
        "bahdanau_gru": median_ms(args.repeats, lambda: bahdanau_gru(k, y, w1, w2, vv, gru)),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
