"""Credit scoring (rules §6.2): features from platform data, a versioned scorecard,
its calibration on realised outcomes, and the model report."""
