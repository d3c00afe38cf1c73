-- Retention prunes finished jobs oldest first by the time they finished (issue 10).
CREATE INDEX jobs_finished ON jobs (finished_at);

-- Transfers of job copies carry a protocol and a direction like those of file-server sessions:
-- a script's Upload starts on the server's local side, its Download ends there, the rest are copies.
UPDATE transfers SET protocol = 'JOB',
  direction = CASE WHEN src_vfs = 'local' AND dst_vfs <> 'local' THEN 'upload'
                   WHEN dst_vfs = 'local' AND src_vfs <> 'local' THEN 'download'
                   ELSE 'copy' END
WHERE job_id IS NOT NULL AND protocol IS NULL;
