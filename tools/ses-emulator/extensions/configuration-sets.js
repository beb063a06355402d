'use strict';
// SES v2 configuration sets with event destinations (Create/Get/List/Delete ConfigurationSet; Create/Get/
// Update/Delete ConfigurationSetEventDestination), kept in memory, and a read-back of what each accepted send
// request carried besides the mail (ConfigurationSetName, ListManagementOptions, tags) at
// GET /tributary/send-requests, which the emulator's own store drops. POST /clear-store empties both.
const configurationSets = new Map(); // name -> { ConfigurationSetName, ..., destinations: Map(name -> EventDestination) }
let sendRequests = [];

const notFound = (res, what) => res.status(404).set('x-amzn-ErrorType', 'NotFoundException')
    .send({ message: `${what} does not exist.` });

module.exports = (app, express) => {
    app.use('/v2/email/configuration-sets', express.json({ type: () => true, limit: '1mb' }), (req, res, next) => {
        if (!(req.header('authorization') || '').startsWith('AWS')) {
            res.status(403).send({ message: 'Missing Authentication Token' });
            return;
        }
        next();
    });
    app.use('/v2/email/outbound-emails', express.json({ limit: '25mb' }));
    app.use('/v2/email/outbound-bulk-emails', express.json({ limit: '25mb' }));

    app.post('/clear-store', (req, res, next) => {
        sendRequests = [];
        configurationSets.clear();
        next();
    });
    app.get('/tributary/send-requests', (req, res) => res.status(200).send({ requests: sendRequests }));

    const record = (bulk) => (req, res, next) => {
        const body = req.body || {};
        const send = res.send.bind(res);
        let recorded = false;
        res.send = (payload) => {
            // express's send(object) calls send(string) again through json(): record the first call only.
            if (!recorded && res.statusCode === 200 && payload && typeof payload === 'object') {
                recorded = true;
                let ids = [];
                if (payload && payload.MessageId) {
                    ids = [payload.MessageId];
                } else if (payload && Array.isArray(payload.BulkEmailEntryResults)) {
                    ids = payload.BulkEmailEntryResults.map((r) => r.MessageId).filter(Boolean);
                }
                sendRequests.push({
                    operation: bulk ? 'SendBulkEmail' : 'SendEmail',
                    messageIds: ids,
                    configurationSetName: body.ConfigurationSetName ?? null,
                    listManagementOptions: body.ListManagementOptions ?? null,
                    emailTags: body.EmailTags ?? body.DefaultEmailTags ?? [],
                });
            }
            return send(payload);
        };
        next();
    };
    app.post('/v2/email/outbound-emails', record(false));
    app.post('/v2/email/outbound-bulk-emails', record(true));

    app.post('/v2/email/configuration-sets', (req, res) => {
        const name = req.body && req.body.ConfigurationSetName;
        if (!name) {
            res.status(400).set('x-amzn-ErrorType', 'BadRequestException').send({ message: 'ConfigurationSetName is required.' });
            return;
        }
        if (configurationSets.has(name)) {
            res.status(400).set('x-amzn-ErrorType', 'AlreadyExistsException').send({ message: `Configuration set <${name}> already exists.` });
            return;
        }
        const { ConfigurationSetName, ...options } = req.body;
        configurationSets.set(name, { ConfigurationSetName, ...options, destinations: new Map() });
        res.status(200).send({});
    });
    app.get('/v2/email/configuration-sets', (req, res) => {
        res.status(200).send({ ConfigurationSets: [...configurationSets.keys()] });
    });
    app.get('/v2/email/configuration-sets/:name', (req, res) => {
        const set = configurationSets.get(req.params.name);
        if (!set) return notFound(res, `Configuration set <${req.params.name}>`);
        const { destinations, ...rest } = set;
        res.status(200).send(rest);
    });
    app.delete('/v2/email/configuration-sets/:name', (req, res) => {
        if (!configurationSets.delete(req.params.name)) return notFound(res, `Configuration set <${req.params.name}>`);
        res.status(200).send({});
    });
    app.get('/v2/email/configuration-sets/:name/event-destinations', (req, res) => {
        const set = configurationSets.get(req.params.name);
        if (!set) return notFound(res, `Configuration set <${req.params.name}>`);
        res.status(200).send({ EventDestinations: [...set.destinations.entries()].map(([Name, d]) => ({ Name, ...d })) });
    });
    app.post('/v2/email/configuration-sets/:name/event-destinations', (req, res) => {
        const set = configurationSets.get(req.params.name);
        if (!set) return notFound(res, `Configuration set <${req.params.name}>`);
        const destName = req.body && req.body.EventDestinationName;
        if (set.destinations.has(destName)) {
            res.status(400).set('x-amzn-ErrorType', 'AlreadyExistsException').send({ message: `Event destination ${destName} already exists.` });
            return;
        }
        set.destinations.set(destName, req.body.EventDestination || {});
        res.status(200).send({});
    });
    app.put('/v2/email/configuration-sets/:name/event-destinations/:dest', (req, res) => {
        const set = configurationSets.get(req.params.name);
        if (!set || !set.destinations.has(req.params.dest)) return notFound(res, `Event destination <${req.params.dest}>`);
        set.destinations.set(req.params.dest, req.body.EventDestination || {});
        res.status(200).send({});
    });
    app.delete('/v2/email/configuration-sets/:name/event-destinations/:dest', (req, res) => {
        const set = configurationSets.get(req.params.name);
        if (!set || !set.destinations.delete(req.params.dest)) return notFound(res, `Event destination <${req.params.dest}>`);
        res.status(200).send({});
    });
};
