"""Logins: signing in and activating one (with its lockout), and provisioning sellers' and
staff's logins."""
