import type { ConsentPurpose } from '../api/contract/consent';

/** The words the seed builds synthetic people and companies from. */
export const firstNames = [
  'Ana', 'Marko', 'Milica', 'Nikola', 'Jelena', 'Stefan', 'Ivana', 'Luka', 'Đorđe', 'Tamara', 'Vuk', 'Dragana',
  'Aleksandar', 'Nina', 'Maja', 'Emma', 'Lucas', 'Chloé', 'Hugo', 'Léa', 'Louis', 'Camille', 'Julien', 'Inès',
  'Thomas', 'Olivia', 'Liam', 'Noah', 'Ava', 'Sophia', 'James', 'Amelia', 'Ethan', 'Mia', 'Benjamin', 'Charlotte',
  'William', 'Isabella', 'Henry', 'Grace', 'Daniel', 'Hannah', 'Samuel', 'Zoë', 'Mateo', 'Sofia', 'Gabriel', 'Elena',
  'David', 'Sara', 'Ryan', 'Priya', 'Arjun', 'Mei', 'Kenji', 'Yuki', 'Fatima', 'Omar', 'Lena', 'Jonas', 'Félix',
  'Maëlle', 'Nathan', 'Élodie', 'Owen', 'Chiara', 'Matteo', 'Lucía', 'Pablo', 'Anja', 'Tomasz', 'Zofia',
] as const;

export const lastNames = [
  'Jovanović', 'Petrović', 'Nikolić', 'Marković', 'Đorđević', 'Stojanović', 'Ilić', 'Pavlović', 'Martin', 'Bernard',
  'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Smith', 'Johnson', 'Williams',
  'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thompson', 'White', 'Harris', 'Clark',
  'Lewis', 'Walker', 'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin',
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Rossi', 'Russo', 'Ferrari', 'Esposito', 'García',
  'Fernández', 'López', 'Martínez', 'Kowalski', 'Nowak', 'Novak', 'Horvat', 'Kim', 'Lee', 'Chen', 'Wang', 'Tanaka',
  'Sato', 'Patel', 'Singh', "O'Brien", 'Murphy', 'Larsen', 'Nilsson',
] as const;

export const companyFirst = [
  'Acorn', 'Amber', 'Apex', 'Arbor', 'Aspen', 'Atlas', 'Aurora', 'Beacon', 'Birch', 'Bluebird', 'Boreal', 'Brightwater',
  'Cascade', 'Cedar', 'Cobalt', 'Copper', 'Coral', 'Crescent', 'Delta', 'Driftwood', 'Ember', 'Evergreen', 'Falcon',
  'Fern', 'Fjord', 'Foxglove', 'Granite', 'Harbor', 'Hawthorn', 'Helix', 'Horizon', 'Indigo', 'Iron', 'Juniper',
  'Kestrel', 'Lantern', 'Larch', 'Lighthouse', 'Linden', 'Lumen', 'Maple', 'Meadow', 'Meridian', 'Mosaic', 'Northwind',
  'Oak', 'Onyx', 'Orbit', 'Orchard', 'Pebble', 'Pine', 'Polaris', 'Prairie', 'Quarry', 'Quill', 'Raven', 'Redwood',
  'Ridge', 'River', 'Saffron', 'Sage', 'Sierra', 'Silverline', 'Slate', 'Spruce', 'Stone', 'Summit', 'Tamarack',
  'Terra', 'Thistle', 'Tidewater', 'Timber', 'Trillium', 'Tundra', 'Vantage', 'Vela', 'Willow', 'Yarrow', 'Zephyr',
  'Zenith',
] as const;

export const companySecond = [
  'Analytics', 'Architects', 'Bakery', 'Builders', 'Collective', 'Consulting', 'Creative', 'Design', 'Digital',
  'Dynamics', 'Engineering', 'Events', 'Films', 'Foods', 'Foundry', 'Games', 'Health', 'Interiors', 'Labs',
  'Landscaping', 'Legal', 'Logistics', 'Marketing', 'Media', 'Motion', 'Networks', 'Outfitters', 'Partners',
  'Photography', 'Press', 'Print', 'Productions', 'Publishing', 'Research', 'Robotics', 'Software', 'Solutions',
  'Sound', 'Studio', 'Systems', 'Tech', 'Textiles', 'Translations', 'Travel', 'Ventures', 'Web', 'Works',
  'Wellness', 'Cycles', 'Coffee',
] as const;

export const legalForms = ['', ' Ltd', ' LLC', ' Inc.', ' GmbH', ' d.o.o.', ' SAS', ' AB'] as const;

export const userAgents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
  'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
] as const;

/** The notices shown when consent was asked, oldest version first. */
export const noticeTexts: Record<ConsentPurpose, readonly string[]> = {
  marketing_emails: [
    'Send me the ActiveCollab newsletter and occasional product news by email. You can unsubscribe at any time from the link in every email.',
    'Yes, email me the newsletter, promotions and invitations to the incentive program. We use MailChimp to send them and may show you our ads on Google and Facebook based on your email address. Unsubscribe at any time from any email or from your account settings.',
    'Keep me posted: the monthly newsletter, promotions and incentive program invitations by email, and matching ads on Google and Facebook. We share your email address with MailChimp, Google and Facebook only for this. Withdraw at any time from any email or in Account settings > Privacy; earlier sending stays unaffected.',
  ],
  product_research: [
    'Invite me to surveys and interviews about how I use ActiveCollab.',
    'Invite me to surveys, interviews and usability tests so you can improve ActiveCollab. Answers are used only for research and kept for 12 months. You can stop the invitations at any time in Account settings.',
  ],
  testimonial_quote: [
    'You may quote me, with my name and company, on the ActiveCollab website.',
    'You may quote what I said, with my name, job title and company name, on the ActiveCollab website and in sales material. I can ask you to remove the quote at any time; it will be taken down within 14 days.',
  ],
  customer_story: [
    'You may publish a story about how our company uses ActiveCollab on your blog.',
    'You may publish a customer story about our team on the ActiveCollab blog, with the names and photos we approve before publication. We can ask you to take it down at any time.',
  ],
  call_recording: [
    'I agree that this call is recorded to improve customer care and sales. The recording is deleted within 2 weeks.',
    'I agree that this video call is recorded, only to improve our customer care and sales process. The recording, with my name and number, is kept on Zoom and deleted within 2 weeks. I can ask you to stop recording at any time.',
  ],
  advertising_cookies: [
    'Allow advertising cookies from Google and Facebook so we can show you relevant ads on other websites.',
    'Advertising cookies: Google AdWords and the Facebook Pixel recognise your browser so we can show you our ads on other websites and measure them. Off unless you switch it on; change it any time under Cookie settings.',
    'Advertising cookies (Google AdWords, Facebook Pixel): used to show you our ads elsewhere and to measure them. They are set only if you allow them here, and you can withdraw at any time under Cookie settings at the bottom of every page.',
  ],
  analytics_cookies: [
    'Allow analytics cookies (Google Analytics) to help us understand how our website is used.',
    'Analytics cookies: Google Analytics measures visits and how the website and the app are used, with IP addresses shortened. Off unless you switch it on; change it any time under Cookie settings.',
    'Analytics cookies (Google Analytics): count visits and show how pages are used so we can improve them. Data is kept for 14 months. Set only if you allow it; withdraw at any time under Cookie settings.',
  ],
  third_party_app_sharing: [
    'Allow this third-party app to access my name, email and the projects I choose.',
    'Allow the connected app to read my name, email address and the content of the projects I select. What the app does with it is governed by its own privacy policy. I can disconnect it at any time in Account settings > Integrations.',
  ],
};

export const accessReasons = [
  'The Gantt view of one project fails to load for every user; we need to reproduce it in their instance.',
  'Invoices show the wrong tax rate after the switch to the annual plan; check the billing settings in the instance.',
  'Recurring tasks are created twice each week; inspect the recurrence rules of the affected project.',
  'Email notifications stopped arriving for one team; look at the notification settings and the outgoing queue.',
  'An import from Trello left attachments missing; check the imported projects.',
  'Time reports total differently in the web app and in the export; compare the two in the instance.',
  'The owner cannot remove a former employee; check the user and their assignments.',
  'A custom workflow label makes the kanban board crash; find the label that triggers it.',
  'Search returns no results for files uploaded this month; check the search index of the instance.',
  'The client portal shows projects the client should not see; verify the permissions.',
] as const;

export const denialReasons = [
  'The ticket can be answered from the logs we already have; no access to the content is needed.',
  'Read access is enough for this issue; ask again with read-only scope.',
  'The consent was given by a member who is not an owner of the account; ask the owner.',
  'The issue is in the desktop app, not in the cloud instance.',
] as const;

export const revokeReasons = [
  'The issue was solved; closing access early.',
  'The agent is off sick; a colleague will ask again if needed.',
  'Access was used outside the ticket scope: review pending.',
] as const;

export const withdrawReasons = [
  'The customer wrote that they no longer want us in their instance.',
  'The owner withdrew consent on the phone; they will send screenshots instead.',
  'The customer asked us to stop: they found the cause themselves.',
] as const;

export const rejectionReasons = [
  'The requester could not show they act for the account; asked them to write from the owner address.',
  'Duplicate of an earlier request that is being handled.',
  "The request concerned a former employee's own profile only, which the account owner removed; nothing of the account to erase.",
] as const;

export const erasureNotes = [
  'Received by email from the account owner, asking that all data of the company be erased.',
  'The owner asked on a support call that we delete everything we hold about their account.',
  'Written request received by post, signed by the managing director.',
  'Request forwarded by Customer Care from a Help Scout conversation.',
] as const;

export const staffNotes: Record<'granted' | 'withdrawn', readonly string[]> = {
  granted: [
    'Agreed on the onboarding call.',
    'Said yes when asked at the start of the call.',
    'Confirmed in a support conversation.',
    'Agreed in writing during the sales process.',
  ],
  withdrawn: [
    'Asked on the phone to stop.',
    'Wrote to support asking us to stop.',
    'Told the sales rep they no longer agree.',
    'Asked during a support chat to withdraw.',
  ],
};
