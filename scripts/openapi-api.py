#!/usr/bin/env python3
"""Writes Ferry's OpenAPI 3.1 document of the orchestration face /api (seed 003, issue 13's contract)
to ferry-httpd/src/main/resources/ferry/httpd/orchestration/openapi.yaml. Edit this script and run it
(python3 scripts/openapi-api.py) rather than editing the YAML: every response gets the rate-limit
headers and the failure envelopes from one place here."""
import os
import yaml

OUT = os.path.join(os.path.dirname(__file__), '..', 'ferry-httpd', 'src', 'main', 'resources', 'ferry', 'httpd',
                   'orchestration', 'openapi.yaml')


def ref(name):
    return {'$ref': '#/components/schemas/' + name}


def nullable(schema):
    """A schema that also takes JSON null (OpenAPI 3.1: a type list, or oneOf for a $ref)."""
    if '$ref' in schema:
        return {'oneOf': [schema, {'type': 'null'}]}
    s = dict(schema)
    s['type'] = [s['type'], 'null']
    return s


STR = {'type': 'string'}
UUID = {'type': 'string', 'format': 'uuid'}
TIME = {'type': 'string', 'format': 'date-time'}
INT = {'type': 'integer'}
NUM = {'type': 'number'}
BOOL = {'type': 'boolean'}


def obj(props, required=None, additional=True, description=None):
    o = {'type': 'object'}
    if description:
        o['description'] = description
    o['properties'] = props
    if required is None:
        required = list(props)
    if required:
        o['required'] = required
    if not additional:
        o['additionalProperties'] = False
    return o


RATE_HEADERS = {
    'X-RateLimit-Limit': {'$ref': '#/components/headers/X-RateLimit-Limit'},
    'X-RateLimit-Remaining': {'$ref': '#/components/headers/X-RateLimit-Remaining'},
    'X-RateLimit-Reset': {'$ref': '#/components/headers/X-RateLimit-Reset'},
}

ERRORS = {
    '400': 'BadRequest', '401': 'Unauthorized', '403': 'Forbidden', '404': 'NotFound', '409': 'Conflict',
    '413': 'TooLarge', '429': 'TooManyRequests',
}


def data(schema, description, status='200'):
    return {status: {'description': description, 'headers': RATE_HEADERS, 'content': {'application/json': {
        'schema': {'type': 'object', 'required': ['success', 'data'], 'properties': {
            'success': {'const': True}, 'data': schema}}}}}}


def page(item, description):
    return {'200': {'description': description, 'headers': RATE_HEADERS, 'content': {'application/json': {
        'schema': {'type': 'object', 'required': ['success', 'data', 'pagination'], 'properties': {
            'success': {'const': True}, 'data': {'type': 'array', 'items': item},
            'pagination': ref('Pagination')}}}}}}


def op(summary, tag, responses, errors, security, description=None, body=None, params=None, op_id=None):
    o = {'tags': [tag], 'summary': summary, 'operationId': op_id}
    if description:
        o['description'] = description
    o['security'] = security
    if params:
        o['parameters'] = params
    if body:
        o['requestBody'] = {'required': True, 'content': {'application/json': {'schema': body}}}
    r = dict(responses)
    for code in errors:
        r[code] = {'$ref': '#/components/responses/' + ERRORS[code]}
    r['429'] = {'$ref': '#/components/responses/TooManyRequests'}
    o['responses'] = r
    return o


PUBLIC = []
PERSON = [{'bearerJwt': []}, {'adminApiKey': []}]
ADMIN = PERSON
AGENT = [{'agentApiKey': []}, {'agentCertificate': []}]
ANY = PERSON + AGENT


def p(name, description):
    return {'$ref': '#/components/parameters/' + name}


ID = {'$ref': '#/components/parameters/id'}
PAGE = [{'$ref': '#/components/parameters/page'}, {'$ref': '#/components/parameters/limit'}]
BODY_ERRORS = ['400', '413']

TRANSFER_STATUS = ['pending', 'running', 'completed', 'failed', 'cancelled']

schemas = {
    'Health': obj({'status': {'const': 'ok'}, 'timestamp': TIME, 'uptime': {'type': 'integer', 'minimum': 0,
                                                                              'description': 'Seconds since start'}},
                  description='The seed\'s unwrapped health answer.'),
    'Pagination': obj({'page': {'type': 'integer', 'minimum': 1}, 'limit': {'type': 'integer', 'minimum': 1,
                                                                            'maximum': 100},
                       'total': {'type': 'integer', 'minimum': 0}, 'totalPages': {'type': 'integer', 'minimum': 0}}),
    'Error': obj({'success': {'const': False}, 'error': {'type': 'string', 'description': 'What went wrong'},
                  'details': {'type': 'object', 'properties': {'field': {
                      'type': 'string', 'description': 'The request field at fault'}}}},
                 required=['success', 'error'],
                 description='Every failure: `details.field` names the request field at fault, if one is.'),
    'Customer': obj({'username': STR, 'customer': BOOL}),
    'AgentCertificate': obj({'fingerprint': {'type': 'string', 'description': 'SHA-256 of the DER, hex'},
                             'notAfter': TIME}),
    'Agent': obj({
        'id': UUID, 'name': STR, 'hostname': nullable(STR), 'os': nullable(STR), 'version': nullable(STR),
        'customer': STR,
        'status': {'type': 'string', 'enum': ['online', 'offline'],
                   'description': 'Computed on read: offline once no heartbeat came for the offline window'},
        'load': nullable(NUM), 'memory': nullable(NUM),
        'heartbeatInterval': {'type': 'integer', 'minimum': 1, 'description': 'Seconds; default 30'},
        'lastHeartbeat': nullable(TIME), 'createdAt': TIME,
        'certificate': nullable(ref('AgentCertificate'))}),
    'RegistrationCode': obj({'code': {'type': 'string', 'description': 'One-time; shown only here'},
                             'customer': STR, 'expiresAt': TIME}),
    'Registration': obj({
        'agent': ref('Agent'),
        'apiKey': {'type': 'string', 'pattern': '^mft_ak_', 'description': 'Shown only here; send as X-API-Key'},
        'mtls': obj({'enabled': BOOL, 'csrTemplate': STR, 'csrEndpoint': {'const': '/api/agents/certificate'}})}),
    'SignedCertificate': obj({'certificate': STR, 'caCertificate': STR, 'fingerprint': STR, 'notAfter': TIME}),
    'Transfer': obj({
        'id': UUID, 'agentId': nullable(STR), 'customer': nullable(STR), 'username': nullable(STR),
        'jobId': nullable(STR), 'runId': nullable(STR), 'sourceUrl': nullable(STR), 'destinationPath': nullable(STR),
        'direction': {'type': 'string', 'enum': ['pull', 'push', 'upload', 'download', 'copy']},
        'protocol': {'type': 'string', 'description': 'sftp, ftp, s3, ... for agents; SFTP, SCP, HTTP, HTTPShare, JOB'
                                                      ' for the server'},
        'size': nullable(INT), 'status': {'type': 'string', 'enum': TRANSFER_STATUS},
        'progress': {'type': 'number', 'minimum': 0, 'maximum': 100}, 'bytesTransferred': {'type': 'integer',
                                                                                             'minimum': 0},
        'speed': {'type': 'number', 'minimum': 0, 'description': 'Bytes per second'},
        'sha256': nullable(STR), 'error': nullable(STR), 'createdAt': TIME, 'updatedAt': TIME,
        'startedAt': nullable(TIME), 'completedAt': nullable(TIME)}),
    'ScheduledJob': obj({
        'id': UUID, 'name': STR, 'customer': nullable(STR), 'agentId': nullable(STR),
        'sourcePath': nullable(STR), 'destinationPath': nullable(STR),
        'schedule': {'type': 'string', 'description': '5-field cron or @hourly, @daily, ...'},
        'timezone': {'type': 'string', 'description': 'IANA zone, default UTC'}, 'protocol': nullable(STR),
        'direction': {'enum': ['pull', 'push', None]}, 'enabled': BOOL, 'scriptName': nullable(STR),
        'params': {'type': 'object', 'additionalProperties': {'type': 'string'}},
        'misfirePolicy': {'type': 'string', 'enum': ['skip', 'run-once']},
        'nextRunAt': nullable(TIME), 'lastRunAt': nullable(TIME), 'createdAt': TIME, 'updatedAt': TIME}),
    'JobRun': obj({
        'id': UUID, 'jobId': STR, 'agentId': nullable(STR), 'node': nullable(STR), 'scheduledAt': nullable(TIME),
        'startedAt': TIME, 'finishedAt': nullable(TIME),
        'status': {'type': 'string', 'enum': ['running', 'completed', 'failed', 'skipped']},
        'error': nullable(STR), 'bytes': {'type': 'integer', 'minimum': 0}, 'files': {'type': 'integer', 'minimum': 0},
        'transferIds': {'type': 'array', 'items': STR}}),
    'JobEndpoint': obj({'name': STR, 'filesystem': {'type': 'object', 'description': 'The VFS Library entry\'s'
                        ' provider configuration, secrets in clear: only over the agent\'s authenticated TLS'}}),
    # request bodies: strict, as the server is (an unknown field is a 400 naming it)
    'RegistrationCodeRequest': obj({'customer': {'type': 'string', 'description': 'Admins only: whose agent'},
                                    'expiresInMinutes': {'type': 'integer', 'minimum': 1}},
                                   required=[], additional=False),
    'RegisterRequest': obj({'name': STR, 'hostname': STR, 'os': STR, 'version': STR,
                            'customerIdentifier': {'type': 'string', 'description': 'The customer, with an admin'
                                                   ' token or next to a registration code'},
                            'registrationCode': {'type': 'string', 'description': 'Without credentials'},
                            'heartbeatInterval': {'type': 'integer', 'minimum': 1, 'description': 'Seconds'}},
                           required=['name'], additional=False),
    'HeartbeatRequest': obj({'status': STR, 'load': NUM, 'memory': {'type': 'integer', 'minimum': 0}, 'version': STR,
                             'heartbeatInterval': {'type': 'integer', 'minimum': 1}}, required=[], additional=False),
    'CertificateRequest': obj({'csr': {'type': 'string', 'description': 'PEM, -----BEGIN CERTIFICATE REQUEST-----'}},
                              additional=False),
    'TransferCreate': obj({'id': {'type': 'string', 'format': 'uuid', 'description': 'The client\'s: a retried POST'
                                  ' with the same id answers the stored transfer, 200'},
                           'sourceUrl': STR, 'destinationPath': STR, 'direction': {'enum': ['pull', 'push']},
                           'protocol': STR, 'size': {'type': 'integer', 'minimum': 0}, 'jobId': STR, 'runId': STR},
                          required=['sourceUrl', 'destinationPath', 'direction', 'protocol'], additional=False),
    'TransferUpdate': obj({'status': {'enum': TRANSFER_STATUS}, 'progress': {'type': 'integer', 'minimum': 0,
                                                                              'maximum': 100},
                           'bytesTransferred': {'type': 'integer', 'minimum': 0}, 'speed': {'type': 'number',
                                                                                          'minimum': 0},
                           'sha256': STR, 'error': STR}, required=[], additional=False),
    'JobCreate': obj({'name': STR, 'agentId': STR, 'customer': STR, 'sourcePath': STR, 'destinationPath': STR,
                      'schedule': STR, 'timezone': STR, 'protocol': STR, 'direction': {'enum': ['pull', 'push']},
                      'enabled': BOOL, 'scriptName': STR,
                      'params': {'type': 'object', 'additionalProperties': {'type': 'string'}},
                      'misfirePolicy': {'enum': ['skip', 'run-once']}},
                     required=['name', 'schedule'], additional=False),
    # PATCH takes the create's fields, each optional: only those sent change
    'JobUpdate': None,
    'RunCreate': obj({'id': {'type': 'string', 'format': 'uuid', 'description': 'Idempotent like transfers'},
                      'scheduledAt': TIME}, required=[], additional=False),
    'RunUpdate': obj({'status': {'enum': ['running', 'completed', 'failed', 'skipped']}, 'error': STR,
                      'bytes': {'type': 'integer', 'minimum': 0}, 'files': {'type': 'integer', 'minimum': 0},
                      'transferIds': {'type': 'array', 'items': STR}}, required=['status'], additional=False),
}

schemas['JobUpdate'] = dict(schemas['JobCreate'], required=[])
del schemas['JobUpdate']['required']


def q(name, schema, description):
    return {'name': name, 'in': 'query', 'required': False, 'schema': schema, 'description': description}


STATUS_T = q('status', {'type': 'string', 'enum': TRANSFER_STATUS}, 'Only transfers in this status')
paths = {
    '/api/health': {'get': op('Health of this node', 'health', {'200': {
        'description': 'Up', 'headers': RATE_HEADERS, 'content': {'application/json': {'schema': ref('Health')}}}},
        [], PUBLIC, op_id='health',
        description='No credentials; shows the caller\'s public allowance but never spends it.')},
    '/api/openapi.yaml': {'get': op('This document', 'health', {'200': {
        'description': 'The OpenAPI document, as a download', 'headers': dict(RATE_HEADERS, **{
            'Content-Disposition': {'schema': STR, 'description': 'attachment; filename="ferry-api.yaml"'}}),
        'content': {'application/yaml': {'schema': STR}}}}, [], PUBLIC, op_id='openapi')},
    '/api/customers': {'get': op('List customers', 'customers', data({'type': 'array', 'items': STR},
                                                                     'Usernames; a customer sees itself'),
                                 ['401', '403'], PERSON, op_id='listCustomers')},
    '/api/customers/{username}': {
        'parameters': [{'name': 'username', 'in': 'path', 'required': True, 'schema': STR}],
        'put': op('Grant the customer role', 'customers',
                  dict(data(ref('Customer'), 'Already a customer'), **data(ref('Customer'), 'Granted', '201')),
                  ['401', '403', '404'], ADMIN, op_id='grantCustomer'),
        'delete': op('Take the customer role', 'customers', data(ref('Customer'), 'Taken'), ['401', '403', '404'], ADMIN,
                     op_id='revokeCustomer')},
    '/api/agents/registration-codes': {'post': op(
        'Make a one-time registration code', 'agents', data(ref('RegistrationCode'), 'Made', '201'),
        ['400', '401', '403', '404', '413'], PERSON, body=ref('RegistrationCodeRequest'), op_id='createRegistrationCode',
        description='Admins name the customer; a customer gets one for itself. Default lifetime 60 minutes.')},
    '/api/agents/register': {'post': op(
        'Register an agent', 'agents', data(ref('Registration'), 'Registered', '201'),
        ['400', '401', '403', '404', '409', '413'], [{'bearerJwt': []}, {}], body=ref('RegisterRequest'),
        op_id='registerAgent',
        description='With a customer JWT (or an admin JWT and customerIdentifier), or without credentials and a'
                    ' registrationCode (consumed). 409 when the customer has an agent of that name.')},
    '/api/agents/heartbeat': {'post': op(
        'Heartbeat of the calling agent', 'agents', data(ref('Agent'), 'The agent after it'),
        ['400', '401', '403', '413'], AGENT, body=ref('HeartbeatRequest'), op_id='heartbeat')},
    '/api/agents/certificate': {'post': op(
        'Sign the calling agent\'s CSR', 'agents', data(ref('SignedCertificate'), 'Signed; CN is the agent id'),
        ['400', '401', '403', '413'], AGENT, body=ref('CertificateRequest'), op_id='signAgentCertificate')},
    '/api/agents/ca': {'get': op('The agent CA certificate', 'agents', {'200': {
        'description': 'PEM', 'headers': RATE_HEADERS, 'content': {
            'application/x-pem-file': {'schema': STR}, 'application/pem-certificate-chain': {'schema': STR},
            'text/plain': {'schema': STR}}}}, [], PUBLIC, op_id='agentCa')},
    '/api/agents': {'get': op(
        'List agents', 'agents', page(ref('Agent'), 'A page of agents'), ['400', '401', '403'], PERSON,
        params=PAGE + [q('status', {'type': 'string', 'enum': ['online', 'offline']}, 'Only agents in this status')],
        op_id='listAgents', description='Admins see all; a customer its own.')},
    '/api/agents/{id}': {
        'parameters': [ID],
        'get': op('One agent', 'agents', data(ref('Agent'), 'The agent'), ['401', '403', '404'], PERSON,
                  op_id='getAgent'),
        'delete': op('Revoke an agent', 'agents', data({'type': ['object', 'null']}, 'Revoked: its key and certificate'
                                                       ' no longer authenticate'),
                     ['401', '403', '404'], PERSON, op_id='deleteAgent')},
    '/api/agents/{id}/transfers': {'get': op(
        'An agent\'s transfers', 'transfers', page(ref('Transfer'), 'A page of transfers'),
        ['400', '401', '403', '404'], PERSON, params=[ID] + PAGE + [STATUS_T], op_id='listAgentTransfers')},
    '/api/transfers': {
        'post': op('Record a transfer', 'transfers', dict(data(ref('Transfer'), 'Created, pending', '201'),
                                                           **data(ref('Transfer'), 'The one already stored with this id')),
                   ['400', '401', '403', '404', '409', '413'], AGENT, body=ref('TransferCreate'),
                   op_id='createTransfer'),
        'get': op('List transfers', 'transfers', page(ref('Transfer'), 'A page of transfers'),
                  ['400', '401', '403'], PERSON,
                  params=PAGE + [STATUS_T, q('agentId', STR, 'Only this agent\'s')], op_id='listTransfers',
                  description='Agents\' tracked transfers and the server\'s own (SFTP, SCP, HTTP, jobs). Admins see'
                              ' all; a customer its agents\' and its file-server user\'s.')},
    '/api/transfers/{id}': {
        'parameters': [ID],
        'get': op('One transfer', 'transfers', data(ref('Transfer'), 'The transfer'), ['401', '403', '404'], ANY,
                  op_id='getTransfer'),
        'patch': op('Update a transfer\'s progress or status', 'transfers', data(ref('Transfer'), 'Updated'),
                    ['400', '401', '403', '404', '409', '413'], AGENT, body=ref('TransferUpdate'),
                    op_id='updateTransfer',
                    description='pending -> running -> completed|failed|cancelled (pending -> failed|cancelled too);'
                                ' anything else, or any change to a finished transfer, is 409.')},
    '/api/jobs': {
        'post': op('Create a scheduled job', 'jobs', data(ref('ScheduledJob'), 'Created', '201'),
                   ['400', '401', '403', '404', '409', '413'], ADMIN, body=ref('JobCreate'), op_id='createJob'),
        'get': op('List scheduled jobs', 'jobs', page(ref('ScheduledJob'), 'A page of jobs'), ['400', '401', '403'],
                  ANY, params=PAGE + [q('agentId', STR, 'Only this agent\'s'),
                                      q('enabled', BOOL, 'Only enabled (true) or disabled (false) jobs')],
                  op_id='listJobs')},
    '/api/jobs/{id}': {
        'parameters': [ID],
        'get': op('One job', 'jobs', data(ref('ScheduledJob'), 'The job'), ['401', '403', '404'], ANY, op_id='getJob'),
        'patch': op('Change a job', 'jobs', data(ref('ScheduledJob'), 'Changed'), ['400', '401', '403', '404', '413'],
                    ADMIN, body=ref('JobUpdate'), op_id='updateJob'),
        'delete': op('Delete a job', 'jobs', data({'type': ['object', 'null']}, 'Deleted'), ['401', '403', '404'],
                     ADMIN, op_id='deleteJob')},
    '/api/jobs/{id}/runs': {
        'parameters': [ID],
        'get': op('A job\'s runs', 'jobs', page(ref('JobRun'), 'A page of runs, newest first'),
                  ['400', '401', '403', '404'], ANY, params=PAGE, op_id='listRuns'),
        'post': op('Start a run (the job\'s agent)', 'jobs', dict(data(ref('JobRun'), 'Started', '201'),
                                                                  **data(ref('JobRun'), 'The run already stored with'
                                                                                        ' this id')),
                   ['400', '401', '403', '404', '409', '413'], AGENT, body=ref('RunCreate'), op_id='startRun')},
    '/api/jobs/{id}/runs/{runId}': {
        'parameters': [ID, {'name': 'runId', 'in': 'path', 'required': True, 'schema': STR}],
        'patch': op('Finish or update a run', 'jobs', data(ref('JobRun'), 'Updated'),
                    ['400', '401', '403', '404', '409', '413'], AGENT, body=ref('RunUpdate'), op_id='updateRun')},
    '/api/jobs/{id}/endpoint': {
        'parameters': [ID],
        'get': op('The VFS Library entry a job names', 'jobs', data(ref('JobEndpoint'), 'The entry, secrets in clear'),
                  ['401', '403', '404'], AGENT, op_id='jobEndpoint')},
}
import openapi_pipelines  # noqa: E402 (the pipelines part, with the helpers above)

openapi_pipelines.add(paths, schemas, globals())


def error_response(description, extra_headers=None):
    h = dict(RATE_HEADERS)
    if extra_headers:
        h.update(extra_headers)
    return {'description': description, 'headers': h,
            'content': {'application/json': {'schema': ref('Error')}}}


doc = {
    'openapi': '3.1.0',
    'info': {
        'title': 'Ferry orchestration API',
        'version': '1.0.0',
        'description': (
            'The orchestration face of Ferry, under /api next to the file server\'s /api/v2: agents, their tracked'
            ' transfers, scheduled jobs, and pipelines.\n\n'
            'Every answer but the health check is an envelope: `{"success": true, "data": ...}`, lists add'
            ' `pagination` (`page` from 1, `limit` 1..100, default 20), and failures are `{"success": false,'
            ' "error": "...", "details": {"field": "..."}}` where `details.field` names the request field at'
            ' fault. Request bodies are strict: an unknown field is a 400. Times are ISO-8601 UTC, ids UUIDs.\n\n'
            'Tenancy: a customer, and its agents, see only what the customer owns; whatever another customer'
            ' owns answers 404.\n\n'
            'Rate limits, per minute: 10 per client address (an IPv6 client by its /64) without credentials (agent registration by code, this'
            ' document, refused credentials, unknown paths), 60 per admin or customer account, 300 per agent;'
            ' admins change them at run time (`rateLimitPublic`, `rateLimitAuthenticated`, `rateLimitAgent` on'
            ' PATCH /v1/adm/settings). The allowance refills continuously. Every answer carries'
            ' X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset; past the limit it is a 429 with'
            ' Retry-After. Each node of a cluster counts on its own: behind a load balancer over N nodes a'
            ' caller may get up to N times the limit.')},
    'servers': [{'url': '/', 'description': 'This server'}],
    'tags': [{'name': 'health', 'description': 'Liveness and this document'},
             {'name': 'customers', 'description': 'The customer role of file-server users'},
             {'name': 'agents', 'description': 'Registration, heartbeats, certificates'},
             {'name': 'transfers', 'description': 'Transfers of agents and of the server'},
             {'name': 'jobs', 'description': 'Scheduled jobs and their runs'},
             {'name': 'pipelines', 'description': 'Versioned YAML pipelines and their runs'}],
    'security': PERSON,
    'paths': paths,
    'components': {
        'securitySchemes': {
            'bearerJwt': {'type': 'http', 'scheme': 'bearer', 'bearerFormat': 'JWT',
                          'description': 'An admin\'s token from GET /api/v2/token (super admins only), or a'
                                         ' customer\'s from GET /api/v2/user/token.'},
            'adminApiKey': {'type': 'apiKey', 'in': 'header', 'name': 'X-API-Key',
                            'description': 'A Ferry admin API key (what the CLI sends).'},
            'agentApiKey': {'type': 'apiKey', 'in': 'header', 'name': 'X-API-Key',
                            'description': 'An agent\'s key, mft_ak_..., from its registration.'},
            'agentCertificate': {'type': 'mutualTLS', 'description': 'A client certificate signed by Ferry\'s agent'
                                 ' CA (GET /api/agents/ca), from POST /api/agents/certificate; HTTPS only.'}},
        'headers': {
            'X-RateLimit-Limit': {'description': 'Requests per minute this caller gets', 'schema': INT},
            'X-RateLimit-Remaining': {'description': 'Requests left now', 'schema': INT},
            'X-RateLimit-Reset': {'description': 'When the allowance is whole again, epoch seconds', 'schema': INT},
            'Retry-After': {'description': 'Seconds until the next request can pass', 'schema': INT}},
        'parameters': {
            'id': {'name': 'id', 'in': 'path', 'required': True, 'schema': STR},
            'page': {'name': 'page', 'in': 'query', 'required': False,
                     'schema': {'type': 'integer', 'minimum': 1, 'default': 1}},
            'limit': {'name': 'limit', 'in': 'query', 'required': False,
                      'schema': {'type': 'integer', 'minimum': 1, 'maximum': 100, 'default': 20}}},
        'responses': {
            'BadRequest': error_response('Invalid input; details.field names the field'),
            'Unauthorized': error_response('No credentials, or bad ones'),
            'Forbidden': error_response('The wrong kind of caller'),
            'NotFound': error_response('No such object, or another customer\'s'),
            'Conflict': error_response('Exists already, or a state change that is not allowed'),
            'TooLarge': error_response('The body is larger than the server accepts'),
            'TooManyRequests': error_response('Past the rate limit', {
                'Retry-After': {'$ref': '#/components/headers/Retry-After'}})},
        'schemas': schemas,
    },
}


class NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


with open(OUT, 'w') as f:
    f.write('# Ferry\'s OpenAPI 3.1 document of the orchestration face /api, written by scripts/openapi-api.py.\n'
            '# Regenerate with that script rather than editing this file.\n')
    yaml.dump(doc, f, Dumper=NoAliases, sort_keys=False, width=110, allow_unicode=True)
