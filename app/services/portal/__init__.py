"""The seller's portal: home page, notifications and what was seen of them, the documents a borrower
keeps."""
