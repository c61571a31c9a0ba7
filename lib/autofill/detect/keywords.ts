/**
 * Keyword lists for field and page classification (English, Vietnamese,
 * German, French, Spanish and a few others). Our own consolidation of the
 * public facts in research/autofill.md §1.3, §5, §7 — no copied code.
 * "=" marks a whole-token match (see text.ts).
 */
import { kw } from './text';

/** Generic "several links" words. */
const SLOT_WORDS = [
    'social account', 'social accounts', 'social link', 'social links', 'social profile', 'social profiles', 'social media',
    'social network', 'social networks', '=social', 'other link', 'other links', 'additional link', 'more links', 'extra link',
    '=links', '=urls', 'profile url', 'profile urls', 'profile link', 'profile links', '=sameas', 'same as', 'online profiles',
    'mang xa hoi', 'lien ket', 'duong dan', 'weitere links', 'soziale netzwerke', 'autres liens', 'reseaux sociaux', 'otros enlaces',
    'redes sociales', '=link', 'websites', 'web sites', 'one per line', 'moi dong',
    'altri link', 'inne linki', 'outros links', 'redes sociais', 'media spolecznosciowe', 'social network', '~その他のリンク', '~リンク', '~sns', '~링크', '~소셜', '~链接', '~連結', '~社交'
];
const SINGLE_LINK = ['=link', '~リンク', '~링크', '~链接', '~連結'];

export const K = {
  identifier: kw(
    'username', 'user name', 'userid', 'user id', '=user', 'login', '=log in', 'loginname', 'login id', 'account', 'accountname',
    'member', 'membername', '=uname', '=uid', 'identifier', '=ident', 'benutzername', 'benutzer', 'utilisateur', 'identifiant',
    'usuario', 'utente', 'gebruikersnaam', 'ten dang nhap', 'ten nguoi dung', 'nguoi dung', 'tai khoan', 'ten tai khoan',
    'email', 'e mail', '=mail', 'courriel', 'correo', 'thu dien tu', 'phone or email', '=signin', 'sign in',
  ),
  usernameOnly: kw(
    'username', 'user name', 'userid', 'user id', '=user', 'loginname', 'login id', 'accountname', 'membername', '=uname',
    'benutzername', 'nom d utilisateur', 'nombre de usuario', 'ten dang nhap', 'ten nguoi dung', 'ten tai khoan', 'nickname', '=nick',
    'имя пользователя', '=логин', 'nome de usuario', 'nome utente', '~ユーザー名', '~用户名', '~사용자 이름',
  ),
  email: kw('email', 'e mail', '=mail', 'courriel', 'correo', 'thu dien tu', 'epost'),
  passwordWord: kw('password', 'passwd', '=pwd', '=pass', 'passwort', 'mot de passe', 'contrasena', 'senha', 'mat khau', 'wachtwoord', 'parola', 'kennwort'),
  newPassword: kw(
    'new password', 'newpassword', 'new pass', '=new', 'confirm', 'confirmation', 'retype', 're type', 'repeat', '=again', 'verify password',
    '=password2', '=pass2', '=pwd2', '=passwd2', 'create password', 'choose password', 'neues passwort', 'neue passwort', 'wiederholen',
    'bestatigen', 'nouveau mot de passe', 'confirmer', 'nueva contrasena', 'repetir', 'confirmar', 'mat khau moi', 'xac nhan', 'nhap lai',
    '=pwcheck', 'pwdcheck',
  ),
  search: kw('search', '=q', '=s', 'query', '=find', '=suche', 'suchen', 'recherche', 'rechercher', 'buscar', 'busqueda', 'tim kiem', 'keyword'),
  newsletter: kw('newsletter', 'subscribe', 'subscription', 'mailing list', 'nhan tin', 'dang ky nhan', 'abonnieren', 'abonner', 'suscribir'),
  captcha: kw('captcha', 'recaptcha', 'hcaptcha', 'turnstile'),
  loginContext: kw(
    'login', '=log in', 'signin', 'sign in', '=logon', 'log on', 'authenticate', 'dang nhap', 'anmelden', 'anmeldung', 'connexion',
    'se connecter', 'iniciar sesion', '=acceder', '=entrar', '=accedi', 'inloggen',
  ),
  nextContext: kw('=next', '=continue', 'tiep tuc', 'tiep theo', '=weiter', '=suivant', '=continuer', '=siguiente', '=continuar'),
  notLogin: kw(
    'register', 'registration', 'sign up', 'signup', 'create account', 'create an account', 'new account', 'join now', 'dang ky',
    'tao tai khoan', 'registrieren', 'konto erstellen', 'inscription', 'creer un compte', 'registrarse', 'crear cuenta',
    'newsletter', 'subscribe', 'forgot', 'reset password', 'quen mat khau', 'search', 'tim kiem', 'comment', 'binh luan',
  ),

  otpStrong: kw(
    'totp', '=otp', 'one time', 'onetime', '=2fa', '=mfa', '=tfa', 'two factor', 'twofactor', '2 factor', 'second factor', '2 step', 'two step',
    'authenticator', 'authentication code', 'auth code', 'verification code', 'verify code', 'verificationcode', 'security code', 'mfacode',
    'approvals code', 'otpcode', 'ma xac minh', 'ma xac thuc', 'ma otp', 'ma bao mat', 'xac minh 2 buoc', 'xac thuc hai yeu to',
    'xac thuc 2 lop', 'zwei faktor', 'bestatigungscode', 'sicherheitscode', 'code de verification', 'code de securite',
    'codigo de verificacion', 'codigo de seguridad', 'one time code', 'authentifizierungscode', 'authentisierungscode', '=authcode',
  ),
  otpWeak: kw('=code', '=pin', '=token', 'passcode', '=verification', '=verify', '=auth', '=challenge', '=ma', '=codigo', '=otc'),
  otpExclude: kw(
    'backup', 'recovery', 'ma khoi phuc', 'ma du phong', 'coupon', 'promo', 'discount', 'voucher', 'gift', '=zip', 'postal', 'postcode',
    'captcha', 'invite', 'referral', '=bank', 'country', 'area code', 'color', 'colour', 'phone', 'telephone',
  ),
  /** A code sent by email or SMS is not the authenticator's. */
  otpSentElsewhere: kw(
    '=sms', 'text message', 'texted', '=email', 'e mail', 'emailed', 'sent to', 'we sent', 'we ve sent', 'have sent', 'inbox',
    'your phone', 'mobile number', 'qua email', 'gui den', 'da gui', 'gui toi', 'tin nhan', 'dien thoai', 'per e mail', 'gesendet',
    'envoye', 'enviado', 'par sms', 'por sms', 'отправили', 'отправлен', 'по sms', '~送信しました', '~送りました', '~メールで', '~已发送',
    '~发送到', '~보냈습니다', '~전송했습니다',
  ),
  /** An offer to send the code again: the code was sent (an authenticator's cannot be resent). */
  otpResend: kw(
    'resend', 'send again', 'send another', 'send a new code', 'didn t receive', 'didn t get', 'renvoyer', 'nouveau code', 'erneut senden',
    'neuen code', 'reenviar', 'volver a enviar', 'reenviar codigo', 'gui lai', 'gui ma moi', 'отправить снова', 'отправить повторно',
    'wyslij ponownie', 'tekrar gonder', 'kirim ulang', '~再送信', '~重新发送', '~재전송',
  ),
  /** …unless the page says it is the authenticator app's. */
  otpAuthenticator: kw(
    'authenticator', 'authentication app', 'auth app', '2fa app', 'totp', 'ung dung xac thuc', 'authenticator app', 'authy',
    'two factor app', 'authentifizierungs app', 'application d authentification', 'aplicacion de autenticacion',
    // a code an app makes is the authenticator's, whatever device it runs on (Mastodon: "generated by your phone app")
    'generated by', 'phone app', 'mobile app', 'duoc tao boi',
  ),

  website: kw(
    'website', 'web site', 'homepage', 'home page', '=url', '=uri', '=www', '=web', '=site', 'blog', 'portfolio', 'webpage', 'web page',
    'personal site', 'trang web', 'trang chu', 'webseite', 'internetseite', 'internetadresse', 'site web', 'site internet',
    'sitio web', 'pagina web', 'sito web', 'strona www', 'webadresse',
    // Italian, Polish, Portuguese; Japanese, Korean, Chinese (CJK words run together: matched inside tokens)
    'sito internet', 'strona internetowa', 'site pessoal', 'pagina pessoal', '~ウェブサイト', '~ホームページ', '~ブログ', '~웹사이트', '~홈페이지', '~블로그', '~网站', '~網站', '~主页', '~主頁', '~個人サイト',
  ),
  /** Technical URL fields are never profile links. */
  technical: kw(
    'webhook', 'callback', 'redirect', 'endpoint', '=api', '=feed', '=rss', '=atom', 'avatar', '=image', 'images', '=img', '=photo',
    'picture', '=logo', '=icon', 'favicon', 'banner', '=cover', 'thumbnail', 'gravatar', '=ical', '=oauth', 'return url', '=return',
    'notify', '=ipn', '=cdn', '=embed', '=widget', '=pixel', 'tracking', 'secret', '=key', 'app id', 'client id', 'consumer',
    '=token', 'repository', '=repo', 'podcast', 'download', 'anh dai dien', 'hinh anh', '=video', 'playlist', 'canonical', 'sitemap',
    '=proxy', '=server', '=host', 'smtp', 'origin',
    // Profile 5, "technical URL fields … are not profile links": an OpenID identity URL is a sign-in identifier
    'openid', 'identity url',
  ),
  /** Generic "several links" fields. */
  slots: kw(...SLOT_WORDS),
  /** The same without the bare word "link" (which a single "Website link" field also uses). */
  slotsMany: kw(...SLOT_WORDS.filter((w) => !SINGLE_LINK.includes(w))),
  pairLabel: kw('=label', '=name', '=title', '=nhan', '=ten', 'bezeichnung', '=titre', '=etiqueta', '=etikett', '=libelle', 'tieu de', '=название', '~ラベル', '~項目名', '~라벨', '~标签', '~標籤'),
  pairValue: kw('=value', '=content', '=url', '=uri', '=href', '=link', 'noi dung', '=inhalt', '=contenu', '=contenido', '=valor', '=wert', '=valeur', '=gia tri', '=значение', '~内容', '~내용'),
  otherOption: kw('other', 'others', 'website', 'custom', 'khac', 'andere', 'sonstige', 'autre', 'otro', 'otra', 'link'),

  bio: kw(
    'biograph', '=bio', 'about me', '=about', 'about you', 'about yourself', 'description', '=describe', 'introduction', '=intro',
    'summary', 'tieu su', 'gioi thieu', '=mo ta', 'uber mich', 'ueber mich', 'a propos', 'presentation', 'acerca de',
    'sobre mi', 'beschreibung', 'personal statement', 'profile text', 'selbstbeschreibung', 'biografia', 'biographie', 'biografie',
    'su di me', 'o mnie', 'sobre mim', 'descrizione', 'descricao', '~自己紹介', '~紹介文', '~自己pr', '~자기소개', '~소개', '~简介', '~簡介', '~自我介绍',
  ),
  /** A bio named only by its class (Pleroma's `textarea.bio`): the narrow words, never "description". */
  bioClass: kw('=bio', 'biograph', 'about me', 'aboutme', '=profile bio', 'user bio', 'profile about'),
  /** Field says it wants a handle rather than a URL. */
  handle: kw(
    'username', 'user name', 'handle', '=user', '=nick', 'nickname', 'screen name', 'user id', '=id', 'profile name', 'profilename',
    'without @', '=@', 'ten nguoi dung', 'benutzername', 'nom d utilisateur', 'nombre de usuario', 'account name', '=name',
    'nome utente', 'nazwa uzytkownika', 'nome de usuario', '~ユーザー名', '~ユーサー名', '~ユーザーid', '~사용자 이름', '~아이디', '~用户名', '~用戶名',
  ),
  /** The same, from name/id (where "user" or "id" alone mean nothing). */
  handleAttr: kw('username', 'user name', 'handle', 'screen name', 'screenname', 'nickname', '=nick', 'profilename'),
  /** Field says it wants a URL. */
  url: kw('=url', '=uri', '=link', 'address', '=http', '=https', 'duong dan', 'lien ket', 'adresse', 'direccion', '=enlace', '=lien'),

  /** A form for something other than the profile. */
  foreignForm: kw(
    // "Contact" alone names a profile's contact-details section (WordPress, phpBB, Misago): a contact form says more, or says it in its ids
    'comment', 'comments', 'reply', 'respond', 'newsletter', 'subscribe', 'search', 'contact us', 'contact form', 'contactform', 'contact me',
    'get in touch', 'send us a message', 'kontaktformular', 'feedback', 'enquiry', 'inquiry',
    'checkout', '=cart', 'billing', 'shipping', '=order', 'booking', 'review', 'binh luan', 'lien he', 'phan hoi', 'kommentar',
    'kontakt', 'commentaire', 'comentario', 'support ticket', 'report', 'share',
  ),
  profileForm: kw(
    'profile', 'account', 'settings', 'user edit', 'useredit', 'edit user', 'your profile', 'biograph', 'social', 'ho so', 'tai khoan',
    'cai dat', 'profil', 'perfil', 'einstellungen', 'parametres', 'konto', 'compte', 'cuenta', 'member', 'links',
  ),
} as const;
