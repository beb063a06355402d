'use strict';
// The SES v2 account-level suppression list: PutSuppressedDestination, GetSuppressedDestination,
// DeleteSuppressedDestination and ListSuppressedDestinations (Reason, StartDate, EndDate, PageSize,
// NextToken). Kept in memory; POST /clear-store empties it too. Addresses are matched case-insensitively.
const BASE = '/v2/email/suppression/addresses';
const REASONS = ['BOUNCE', 'COMPLAINT'];
const entries = new Map(); // lower-cased address -> { EmailAddress, Reason, LastUpdateTime (epoch s) }

function error(res, status, type, message) {
  res.status(status).set('x-amzn-ErrorType', type).send({ message });
}

function authorized(req, res) {
  if (!(req.header('authorization') || '').startsWith('AWS')) {
    res.status(403).send({ message: 'Missing Authentication Token' });
    return false;
  }
  return true;
}

function parseDate(value) {
  if (value === undefined) return undefined;
  const n = Number(value);
  const ms = Number.isNaN(n) ? Date.parse(value) : n * 1000;
  return Number.isNaN(ms) ? NaN : ms / 1000;
}

module.exports = (app, express) => {
  const json = express.json({ type: () => true });

  app.post('/clear-store', (req, res, next) => {
    entries.clear();
    next();
  });

  app.put(BASE, json, (req, res) => {
    if (!authorized(req, res)) return;
    const { EmailAddress, Reason } = req.body || {};
    if (typeof EmailAddress !== 'string' || !EmailAddress.includes('@')) {
      return error(res, 400, 'BadRequestException', 'EmailAddress is required');
    }
    if (!REASONS.includes(Reason)) {
      return error(res, 400, 'BadRequestException', 'Reason must be BOUNCE or COMPLAINT');
    }
    entries.set(EmailAddress.toLowerCase(), { EmailAddress, Reason, LastUpdateTime: Date.now() / 1000 });
    res.status(200).send({});
  });

  app.get(`${BASE}/:EmailAddress`, (req, res) => {
    if (!authorized(req, res)) return;
    const e = entries.get(req.params.EmailAddress.toLowerCase());
    if (!e) return error(res, 404, 'NotFoundException', 'Email address not on the suppression list');
    res.status(200).send({ SuppressedDestination: { ...e, Attributes: {} } });
  });

  app.delete(`${BASE}/:EmailAddress`, (req, res) => {
    if (!authorized(req, res)) return;
    if (!entries.delete(req.params.EmailAddress.toLowerCase())) {
      return error(res, 404, 'NotFoundException', 'Email address not on the suppression list');
    }
    res.status(200).send({});
  });

  app.get(BASE, (req, res) => {
    if (!authorized(req, res)) return;
    const q = req.query;
    const reasons = q.Reason === undefined ? REASONS : [].concat(q.Reason);
    if (reasons.some((r) => !REASONS.includes(r))) {
      return error(res, 400, 'BadRequestException', 'Reason must be BOUNCE or COMPLAINT');
    }
    const start = parseDate(q.StartDate);
    const end = parseDate(q.EndDate);
    const pageSize = q.PageSize === undefined ? 100 : Number(q.PageSize);
    if (Number.isNaN(start) || Number.isNaN(end) || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
      return error(res, 400, 'BadRequestException', 'Bad StartDate, EndDate or PageSize (1 to 1000)');
    }
    const offset = q.NextToken === undefined ? 0 : Number(Buffer.from(String(q.NextToken), 'base64').toString());
    if (!Number.isInteger(offset) || offset < 0) {
      return error(res, 400, 'BadRequestException', 'Invalid NextToken');
    }
    const matching = [...entries.values()]
      .filter((e) => reasons.includes(e.Reason))
      .filter((e) => start === undefined || e.LastUpdateTime >= start)
      .filter((e) => end === undefined || e.LastUpdateTime <= end)
      .sort((a, b) => a.EmailAddress.toLowerCase().localeCompare(b.EmailAddress.toLowerCase()));
    const page = matching.slice(offset, offset + pageSize);
    const body = { SuppressedDestinationSummaries: page };
    if (offset + pageSize < matching.length) {
      body.NextToken = Buffer.from(String(offset + pageSize)).toString('base64');
    }
    res.status(200).send(body);
  });
};
