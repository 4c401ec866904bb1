"""The pages of a session, by who uses them: planning, the begeleider's screen
(sessie), taking part (deelname), the live poll, and the report (verslag)."""
