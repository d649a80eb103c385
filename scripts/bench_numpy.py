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


def multihead_self(x, wq, wk, wv, wo, bq, bk, bv, bo, heads):
    """Multi-head self-attention as MultiHeadCases.swift: weights (out x in), head h = columns h*d_k:(h+1)*d_k."""
    n, d_model = x.shape
    dk = d_model // heads
    q = x @ wq.T + bq                           # (n, E) @ (E, E) -> (n, E)
    k = x @ wk.T + bk
    v = x @ wv.T + bv
    qh = q.reshape(n, heads, dk).transpose(1, 0, 2)   # (h, n, d_k)
    kh = k.reshape(n, heads, dk).transpose(1, 0, 2)
    vh = v.reshape(n, heads, dk).transpose(1, 0, 2)
    alpha = softmax_rows(qh @ kh.transpose(0, 2, 1) / np.sqrt(dk))   # (h, n, n)
    concat = (alpha @ vh).transpose(1, 0, 2).reshape(n, d_model)    # (n, h*d_k)
    return concat @ wo.T + bo, alpha.mean(axis=0)


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
    mh_n, mh_d, mh_h = 256, 256, 8
    mh_x = u(mh_n, mh_d)
    mh_w = [u(mh_d, mh_d) / np.sqrt(mh_d) for _ in range(4)]
    mh_b = [u(mh_d) for _ in range(4)]
    results = {
        "attendAll_scaledDot": median_ms(args.repeats, lambda: attend_scaled_dot(q, k, v)),
        "attendAll_additive": median_ms(args.repeats, lambda: attend_additive(q, k, v, w1, w2, vv)),
        "bahdanau_gru": median_ms(args.repeats, lambda: bahdanau_gru(k, y, w1, w2, vv, gru)),
        "multihead_self": median_ms(args.repeats, lambda: multihead_self(mh_x, *mh_w, *mh_b, mh_h)),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
