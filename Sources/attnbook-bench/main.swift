import AttentionEngine
print("benchmarks: issue 2")
