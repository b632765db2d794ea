"""The top: the `bcdbot` command, the demo and the process supervisor. Imports every package; none imports it
(tests and benchmarks use its supervisor)."""
