"""congdoan: the digital platform of the Vietnamese trade union (Công đoàn)."""
