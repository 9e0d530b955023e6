"""UN General Assembly votes: import, vote index, alignment metrics, blocs and corroboration.

Nothing heavy is imported here, so that the command line starts fast.
"""

METRICS = ("agreement", "coincidence", "state-department", "s-score", "kappa", "pi")
