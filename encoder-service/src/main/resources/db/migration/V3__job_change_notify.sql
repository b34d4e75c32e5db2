-- Every change of a job writes a timeline entry; this tells every listening encoder (the UI's live
-- stream on each node) which job changed and how it stands now, in the same transaction's commit.
CREATE FUNCTION notify_job_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('job_changed', json_build_object(
        'id', j.id,
        'status', j.status,
        'statusReason', left(j.status_reason, 1000),
        'progressPercent', j.progress_percent,
        'node', j.node,
        'pausedSeconds', j.paused_seconds,
        'event', NEW.type,
        'message', left(NEW.message, 1000))::text)
    FROM encoding_job j WHERE j.id = NEW.job_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER job_changed AFTER INSERT ON job_event
    FOR EACH ROW EXECUTE FUNCTION notify_job_changed();
