"""The thin shell: settings and the `codermatch` command that wires the stages."""
