-- Which claims quote a PERSON about Armenia, by date? (docs/database.md)
SELECT * FROM (
    SELECT COALESCE(MIN(d.value), doc.dct) AS claim_date,
           q.speaker_name AS speaker,
           c.doc_id,
           c.claim_id,
           c.text AS claim
    FROM claims c
    JOIN documents doc ON doc.doc_id = c.doc_id
    JOIN claim_quotes cq ON cq.claim_id = c.claim_id
    JOIN quotes q ON q.doc_id = cq.doc_id AND q.start_char = cq.start_char
                 AND q.end_char = cq.end_char AND q.kind = cq.kind
    LEFT JOIN claim_dates cd ON cd.claim_id = c.claim_id
    LEFT JOIN dates d ON d.doc_id = cd.doc_id AND d.start_char = cd.start_char
                     AND d.end_char = cd.end_char AND d.type = cd.type
                     AND d.value BETWEEN '0000' AND '9999'   -- calendar values ('2020-06'), not 'P10Y' or 'PAST_REF'
    WHERE EXISTS (                                           -- the quote's speaker is a PERSON
            SELECT 1 FROM entities p
            WHERE p.doc_id = q.doc_id AND p.label = 'PERSON'
              AND (p.canonical = q.speaker_name
                   OR (p.start_char < q.speaker_end AND p.end_char > q.speaker_start)))
      AND EXISTS (                                           -- the claim mentions Armenia
            SELECT 1 FROM claim_entities ce
            JOIN entities a ON a.doc_id = ce.doc_id AND a.start_char = ce.start_char
                           AND a.end_char = ce.end_char AND a.label = ce.label
            WHERE ce.claim_id = c.claim_id AND a.canonical = 'Armenia')
    GROUP BY c.claim_id, c.doc_id, c.text, q.speaker_name, doc.dct
) AS found
ORDER BY claim_date IS NULL, claim_date, doc_id, claim_id;
