-- Stream rules per profile: the audio and subtitle languages to keep (ISO 639-2 codes separated by
-- commas; NULL keeps every track), whether a plan may drop streams the profile did not ask to drop,
-- and whether outputs are decoded in full before they are kept (NULL: the default, off unless the
-- job replaces its input).
ALTER TABLE encoding_profile
    ADD COLUMN audio_languages    TEXT,
    ADD COLUMN subtitle_languages TEXT,
    ADD COLUMN allow_stream_drops BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN thorough_check     BOOLEAN;

-- What the run decided for every stream of its input, before ffmpeg started (NULL until then).
ALTER TABLE encoding_job ADD COLUMN stream_plan JSONB;
