"""Credit scoring (rules §6.2), pure: the features' shape, a versioned scorecard,
its calibration on realised outcomes, and the model report. No database here:
the queries that feed it live in `app.services.credit.features`, `.calibration` and
`.model_report`."""
