-- Each user's session version, carried in their session cookie and checked with their role: a
-- password change, a reset, a logout and the user's deletion end every session by moving it on.
-- Values come from one sequence, so a user name deleted and created again starts at a version no
-- old cookie of that name carries. Cookies made before this column carry none and are refused:
-- browsers log in once more.
CREATE SEQUENCE app_user_session_version;
ALTER TABLE app_user
    ADD COLUMN session_version BIGINT NOT NULL DEFAULT nextval('app_user_session_version');

-- Every node hears when a user's sessions end, at once: a moved version or a deleted row notifies
-- sessions_ended with the user name (events/JobChanges listens and tells user/SessionVersions).
CREATE FUNCTION notify_sessions_ended() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('sessions_ended', OLD.username);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER app_user_sessions_ended
    AFTER DELETE OR UPDATE OF session_version ON app_user
    FOR EACH ROW EXECUTE FUNCTION notify_sessions_ended();
