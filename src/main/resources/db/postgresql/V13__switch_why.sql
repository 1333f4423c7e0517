-- Why each switch happened, as facts each face words in its reader's language (the kind of rule, the hours,
-- the holiday's name, the note, who set an override and until when), beside the English detail text.
-- JSON; null for switches recorded before it existed.
ALTER TABLE switch ADD COLUMN why TEXT;
