"""Hard eligibility (rules §6.1): each rule a small function; all failures reported."""
