"""Storage rules: can the storage feed the GPUs, and how long checkpoints take."""

from rackcheck.rules.storage import (
    sto001_aggregate_throughput,
    sto002_node_bandwidth,
    sto003_fabric_path,
    sto004_checkpoint_time,
    sto005_checkpoint_interval,
    sto006_capacity,
)

RULES = (
    sto001_aggregate_throughput.check,
    sto002_node_bandwidth.check,
    sto003_fabric_path.check,
    sto004_checkpoint_time.check,
    sto005_checkpoint_interval.check,
    sto006_capacity.check,
)
