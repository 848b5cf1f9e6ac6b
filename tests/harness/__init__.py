"""What the tests, `make eval` and the benchmark share: starting the servers (servers), answers to
the visitor questions through REST (answer_eval) and `make eval`'s summary (eval_report)."""
