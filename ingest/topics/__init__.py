"""Topics: IPTC taxonomy scoring and discovered (NMF) topics, as pure batch functions with no I/O."""
