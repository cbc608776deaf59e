"""Reference data from public standards: regions (GB/T 2260), industries (GB/T 4754), education."""
