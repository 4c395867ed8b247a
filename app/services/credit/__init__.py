"""Credit rating (rules §6): platform features, assessment and pre-approval, manual review, the model
report and its calibration sample."""
