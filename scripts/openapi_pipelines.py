"""The pipelines part (issue 14, contract 14) of the OpenAPI document that scripts/openapi-api.py writes:
its paths and schemas, made with that script's helpers (passed in as `h`, its globals)."""

RUN_STATUS = ['queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted']
TRIGGERS = ['manual', 'cron', 'upload', 'poll']


def add(paths, schemas, h):
    obj, ref, nullable, op, data, page, q = h['obj'], h['ref'], h['nullable'], h['op'], h['data'], h['page'], h['q']
    STR, UUID, TIME, INT, BOOL, PAGE, ID = h['STR'], h['UUID'], h['TIME'], h['INT'], h['BOOL'], h['PAGE'], h['ID']
    PERSON, RATE = h['PERSON'], h['RATE_HEADERS']
    count = {'type': 'integer', 'minimum': 0}
    run_fields = {
        'id': UUID, 'pipelineId': UUID, 'version': {'type': 'integer', 'minimum': 1},
        'status': {'type': 'string', 'enum': RUN_STATUS},
        'trigger': {'type': 'string', 'enum': TRIGGERS, 'description': 'What started it'},
        'triggeredBy': nullable(STR), 'node': nullable(STR), 'error': nullable(STR), 'bytesIn': count,
        'bytesOut': count, 'files': count, 'createdAt': TIME, 'startedAt': nullable(TIME), 'endedAt': nullable(TIME)}
    problem = obj({'line': count, 'column': count, 'path': {'type': 'string', 'description': 'JSON pointer, e.g.'
                                                            ' /steps/1/type'}, 'message': STR})
    schemas.update({
        'PipelineLastRun': obj({'id': UUID, 'status': {'type': 'string', 'enum': RUN_STATUS},
                                'startedAt': nullable(TIME), 'endedAt': nullable(TIME)}),
        'Pipeline': obj({
            'id': UUID, 'identifier': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9._-]{0,99}$'}, 'name': STR,
            'description': STR, 'enabled': BOOL, 'version': {'type': 'integer', 'minimum': 1,
                                                             'description': 'The current YAML\'s version'},
            'trigger': {'type': 'string', 'enum': TRIGGERS}, 'customer': nullable(STR),
            'createdBy': nullable(STR), 'createdAt': TIME, 'updatedAt': TIME,
            'lastRun': nullable(ref('PipelineLastRun'))}),
        'PipelineRun': obj(run_fields),
        'PipelineRunStep': obj({
            'index': count, 'type': {'type': 'string', 'description': 'source, a step type, or deliver'},
            'status': {'type': 'string', 'enum': ['pending', 'running', 'completed', 'failed', 'skipped']},
            'attempts': count, 'filesIn': count, 'filesOut': count, 'bytesIn': count, 'bytesOut': count,
            'error': nullable(STR), 'log': {'type': 'array', 'items': STR}, 'startedAt': nullable(TIME),
            'endedAt': nullable(TIME)}),
        'PipelineRunFile': obj({'source': nullable(STR), 'destination': nullable(STR), 'bytes': count,
                                'sha256': nullable(STR), 'status': STR, 'transferId': nullable(STR),
                                'error': nullable(STR)}),
        'PipelineRunDetail': obj(dict(run_fields, **{
            'steps': {'type': 'array', 'items': ref('PipelineRunStep')},
            'deliveredFiles': {'type': 'array', 'items': ref('PipelineRunFile'), 'maxItems': 1000},
            'filesTruncated': {'type': 'boolean', 'description': 'More than 1000 files were delivered'}})),
        'PipelineVersion': obj({'version': {'type': 'integer', 'minimum': 1}, 'createdBy': nullable(STR),
                                'createdAt': TIME, 'current': BOOL}),
        'PipelineVersionYaml': obj({'version': {'type': 'integer', 'minimum': 1}, 'yaml': STR,
                                    'createdBy': nullable(STR), 'createdAt': TIME}),
        'PipelineProblem': problem,
        'PipelineDryRun': obj({
            'valid': BOOL, 'errors': {'type': 'array', 'items': ref('PipelineProblem')},
            'trigger': {'enum': TRIGGERS + [None]}, 'steps': {'type': 'array', 'items': STR},
            'destinations': {'type': 'array', 'items': STR, 'description': 'vfs:NAME:/path or user:NAME:/path'},
            'files': {'type': 'array', 'description': 'Only with simulate and a valid YAML: what the source would'
                      ' pick now', 'items': obj({'path': STR, 'size': count, 'modified': TIME})}},
            required=['valid', 'errors', 'trigger', 'steps', 'destinations']),
        'PipelineCreate': obj({'identifier': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9._-]{0,99}$',
                                              'description': 'Unique per owner'},
                               'name': STR, 'description': STR, 'yaml': {'type': 'string', 'description':
                                                                          'The pipeline (docs/pipelines.md)'},
                               'enabled': {'type': 'boolean', 'default': True}},
                              required=['identifier', 'name', 'yaml'], additional=False),
        'PipelineUpdate': obj({'name': STR, 'description': STR, 'enabled': BOOL}, required=[], additional=False),
        'PipelineYamlBody': obj({'yaml': STR}, additional=False),
        'PipelineDryRunRequest': obj({'yaml': STR, 'simulate': {'type': 'boolean', 'default': False}},
                                     required=['yaml'], additional=False),
    })
    yaml_errors = ['400', '401', '403', '404', '409', '413']
    run_id = {'name': 'runId', 'in': 'path', 'required': True, 'schema': STR}
    put_yaml = op('Replace the YAML (a new version)', 'pipelines', data(ref('Pipeline'), 'The pipeline at its new'
                  ' version'), yaml_errors, PERSON, op_id='updatePipelineYaml',
                  description='The body is the YAML itself (application/yaml or text/plain) or JSON {"yaml": ...}.'
                              ' Checked as at creation; 409 when another change came first.')
    put_yaml['requestBody'] = {'required': True, 'content': {
        'application/yaml': {'schema': STR}, 'text/plain': {'schema': STR},
        'application/json': {'schema': ref('PipelineYamlBody')}}}
    paths.update({
        '/api/pipelines': {
            'post': op('Create a pipeline', 'pipelines', data(ref('Pipeline'), 'Created, at version 1', '201'),
                       yaml_errors, PERSON, body=ref('PipelineCreate'), op_id='createPipeline',
                       description='Owned by the caller (a customer\'s own, or the admins\'). A YAML that does not'
                                   ' pass is a 400 whose details hold field "yaml", the first problem\'s line, column'
                                   ' and path, and every problem. 409 when the owner has that identifier.'),
            'get': op('List pipelines', 'pipelines', page(ref('Pipeline'), 'A page of pipelines, newest first'),
                      ['400', '401', '403'], PERSON, op_id='listPipelines',
                      params=PAGE + [q('enabled', BOOL, 'Only enabled (true) or disabled (false) ones'),
                                     q('search', STR, 'A substring of identifier, name or description, any case')],
                      description='Admins see all; a customer its own.')},
        '/api/pipelines/schema': {'get': op(
            'The JSON Schema of the YAML', 'pipelines', data({'type': 'object', 'description': 'JSON Schema draft'
                                                              ' 2020-12'}, 'The schema'),
            ['401', '403'], PERSON, op_id='pipelineSchema')},
        '/api/pipelines/dry-run': {'post': op(
            'Check a YAML, and list what it would pick', 'pipelines', data(ref('PipelineDryRun'), 'The outcome; an'
                                                                           ' invalid YAML is valid: false'),
            ['400', '401', '403', '413'], PERSON, body=ref('PipelineDryRunRequest'), op_id='dryRunPipeline',
            description='Refuses what create refuses, as errors with line and column. With simulate, the files'
                        ' the source would pick now, without moving or marking anything.')},
        '/api/pipelines/{id}': {
            'parameters': [ID],
            'get': op('One pipeline', 'pipelines', data(ref('Pipeline'), 'The pipeline'), ['401', '403', '404'],
                      PERSON, op_id='getPipeline'),
            'patch': op('Change name, description or enabled', 'pipelines', data(ref('Pipeline'), 'Changed'),
                        ['400', '401', '403', '404', '413'], PERSON, body=ref('PipelineUpdate'),
                        op_id='updatePipeline', description='identifier never changes; the YAML changes with PUT'
                                                            ' /api/pipelines/{id}/yaml (both a 400 here).'),
            'delete': op('Delete a pipeline', 'pipelines', data(obj({'id': UUID, 'deleted': {'const': True}}),
                                                                'Deleted with its versions and runs'),
                         ['401', '403', '404'], PERSON, op_id='deletePipeline')},
        '/api/pipelines/{id}/yaml': {
            'parameters': [ID],
            'get': op('Export the YAML', 'pipelines', {'200': {
                'description': 'The current YAML, as a download (not in the envelope)', 'headers': dict(RATE, **{
                    'Content-Disposition': {'schema': STR, 'description': 'attachment; filename="<identifier>.yaml"'}}),
                'content': {'application/yaml': {'schema': STR}}}}, ['401', '403', '404'], PERSON,
                op_id='exportPipelineYaml'),
            'put': put_yaml},
        '/api/pipelines/{id}/versions': {
            'parameters': [ID],
            'get': op('The YAML\'s versions', 'pipelines', page(ref('PipelineVersion'), 'Newest first'),
                      ['400', '401', '403', '404'], PERSON, params=PAGE, op_id='listPipelineVersions')},
        '/api/pipelines/{id}/versions/{n}': {
            'parameters': [ID, {'name': 'n', 'in': 'path', 'required': True,
                                'schema': {'type': 'integer', 'minimum': 1}}],
            'get': op('One version with its YAML', 'pipelines', data(ref('PipelineVersionYaml'), 'The version'),
                      ['400', '401', '403', '404'], PERSON, op_id='getPipelineVersion')},
        '/api/pipelines/{id}/runs': {
            'parameters': [ID],
            'get': op('A pipeline\'s runs', 'pipelines', page(ref('PipelineRun'), 'Newest first'),
                      ['400', '401', '403', '404'], PERSON, op_id='listPipelineRuns',
                      params=PAGE + [q('status', {'type': 'string', 'enum': RUN_STATUS}, 'Only runs in this status')]),
            'post': op('Start a run', 'pipelines', data(ref('PipelineRun'), 'Queued', '201'),
                       ['400', '401', '403', '404', '409'], PERSON, op_id='startPipelineRun',
                       description='Runs the current version. 409 when the pipeline is disabled. No body.')},
        '/api/pipelines/{id}/runs/{runId}': {
            'parameters': [ID, run_id],
            'get': op('A run with its steps and delivered files', 'pipelines', data(ref('PipelineRunDetail'),
                                                                                    'The run'),
                      ['401', '403', '404'], PERSON, op_id='getPipelineRun')},
        '/api/pipelines/{id}/runs/{runId}/cancel': {
            'parameters': [ID, run_id],
            'post': op('Cancel a run', 'pipelines', data(ref('PipelineRun'), 'The run after the request (a finished'
                                                                             ' one unchanged)'),
                       ['400', '401', '403', '404'], PERSON, op_id='cancelPipelineRun',
                       description='A queued run ends at once; a running one stops between files, nothing'
                                   ' half-written left at its destinations.')},
    })
