-- With several instances both may apply the same scheduled switch: it is recorded once.
CREATE UNIQUE INDEX switch_once ON switch (line_id, effective_at, to_mode);
