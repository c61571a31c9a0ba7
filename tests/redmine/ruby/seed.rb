# Seeds the e2e fixture through Redmine's own models; run by `rails runner`
# (tests/redmine/redmine.ts). Arguments come as JSON on stdin, never on the
# command line; prints one JSON line.
require 'json'

args = JSON.parse($stdin.read)

# Two-factor login optional for everyone: a user who paired TOTP must use it.
Setting.twofa = '1'

fields = args.fetch('fields').to_h do |f|
  field = UserCustomField.create!(
    name: f.fetch('name'),
    field_format: f.fetch('format'),
    description: f['description'].to_s,
    is_required: false,
    visible: true,   # shown on the public profile (/users/:id)
    editable: true   # editable by the user on /my/account
  )
  [field.name, field.id]
end

u = args.fetch('user')
user = User.new(firstname: u.fetch('firstname'), lastname: u.fetch('lastname'), mail: u.fetch('mail'), language: 'en')
user.login = u.fetch('login')
user.password = user.password_confirmation = u.fetch('password')
user.status = User::STATUS_ACTIVE
user.save!

# The paired authenticator: the setter ciphers the key with
# database_cipher_key when one is configured, so this holds either way.
user.twofa_totp_key = u.fetch('totp_secret')
user.twofa_scheme = 'totp'
user.save!

puts JSON.generate(ok: true, user_id: user.id, fields: fields)
