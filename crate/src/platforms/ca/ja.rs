//! 証明機関 (CA): タイムラインの行 (`LINES`) と検出結果 (`FINDINGS`) の日本語
//! テキスト。コードごとに英語の表 (`rules.rs` の `LINES`、`findings.rs` の
//! `TABLE`) と対応し、`{name}` のパラメーターと `[…]` も同じです。

use crate::platforms::findings::Text;
use crate::platforms::lines::Line;

pub static LINES: &[Line] = &[
    Line {
        code: "ca.issued",
        text: "CA が要求 {id} を発行しました[ ({template})][ 対象 {subject}][、要求者 {requester}][、シリアル番号 {serial}][、有効期間の開始 {effective}][、終了 {expires}]",
    },
    Line {
        code: "ca.revoked",
        text: "CA が要求 {id} を発行しました[ ({template})][ 対象 {subject}]。証明書はその後失効しています[ ({reason})]",
    },
    Line {
        code: "ca.denied",
        text: "CA が要求 {id} を拒否しました[ ({template})][ 対象 {subject}][、要求者 {requester}][: {status}[ {name}]][ — {message}]",
    },
    Line {
        code: "ca.failed",
        text: "CA が要求 {id} を処理できませんでした[ ({template})][ 対象 {subject}][、要求者 {requester}][: {status}[ {name}]][ — {message}]",
    },
    Line {
        code: "ca.pending",
        text: "要求 {id} は CA の保留中の要求で待機しています[ ({template})][ 対象 {subject}][、要求者 {requester}]",
    },
    Line {
        code: "ca.others",
        text: "エクスポートにはほかのテンプレートの要求 {count} 件もあります: {templates}",
    },
    Line {
        code: "ca.seen",
        text: "CA に要求 {id} があります[ ({template})][ 対象 {subject}] (エクスポートに結果の列がありません)",
    },
];

pub static FINDINGS: &[Text] = &[
    Text {
        code: "ca.unsupported-template",
        title: "NDES が要求したテンプレートを CA が発行しません",
        explanation: "CA は要求 {id} を {status} {name} ({text}) で拒否しました。要求の証明書テンプレート ({template}) がこの CA の発行するテンプレートにないか、NDES がテンプレート名ではなく表示名で指定しています。{message}",
        fix: "NDES サーバーで HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP の SignatureTemplate、EncryptionTemplate、GeneralPurposeTemplate を、SCEP プロファイルのキー使用法に合わせてテンプレート名 (表示名ではなく) に設定します。CA では [証明書テンプレート] にテンプレートを追加します ([新規作成] > [発行する証明書テンプレート])。その後 NDES サーバーで iisreset を実行します。",
    },
    Text {
        code: "ca.template-denied",
        title: "テンプレートのアクセス許可で NDES が登録できません",
        explanation: "CA は要求 {id} を {status} {name} ({text}) で拒否しました。NDES として要求を送るアカウント ({requester}) に証明書テンプレート {template} の読み取りと登録の許可がありません。{message}",
        fix: "証明書テンプレート コンソールでテンプレートの [セキュリティ] タブを開き、NDES サービス アカウント (証明書コネクタが SYSTEM で動く場合は NDES サーバーのコンピューター アカウント) に読み取りと登録を許可します。Active Directory のレプリケーションを待ち、NDES サーバーで iisreset を実行します。",
    },
    Text {
        code: "ca.ca-enroll-denied",
        title: "CA のアクセス許可で NDES が証明書を要求できません",
        explanation: "CA は要求 {id} を {status} {name} ({text}) で拒否しました。NDES として要求を送るアカウント ({requester}) に、CA 自体の「証明書の要求」の許可がありません。{message}",
        fix: "証明機関コンソールで CA の [プロパティ] > [セキュリティ] を開き、NDES サービス アカウント (コネクタが SYSTEM で動く場合は NDES サーバーのコンピューター アカウント) に「証明書の要求」を許可します。",
    },
    Text {
        code: "ca.key-too-short",
        title: "デバイスのキーがテンプレートの許す長さより短いです",
        explanation: "CA は要求 {id} を {status} {name} ({text}) で拒否しました。要求の公開キーが、テンプレート {template} の最小キー サイズより小さいです。{message}",
        fix: "Intune で SCEP プロファイルのキー サイズをテンプレートの最小値 (証明書テンプレート コンソール > テンプレート > [暗号化] > [最小キー サイズ]) 以上にするか、その最小値を下げます。デバイスは次回のチェックインで再要求します。",
    },
    Text {
        code: "ca.enrollment-agent",
        title: "NDES が署名した要求を CA の登録エージェントの規則が拒否しました",
        explanation: "CA は要求 {id} を {status} {name} ({text}) で拒否しました。NDES は各要求に登録エージェント (RA) 証明書で署名します。テンプレートが別の承認済み署名を求めているか、CA の登録エージェントの制限が、このテンプレートまたはこのユーザーについて NDES の登録を許していません。{message}",
        fix: "テンプレートの [発行要件] タブで「承認された署名の数」を 0 にします。CA の [プロパティ] > [登録エージェント] で、登録エージェントを制限しないか、SCEP テンプレートと登録対象のユーザーについて NDES サービス アカウントを許可します。NDES の RA 証明書 (Exchange Enrollment Agent (Offline request)、CEP Encryption) が有効であることを確認します。",
    },
    Text {
        code: "ca.bad-subject",
        title: "CA が要求のサブジェクト名を拒否しました",
        explanation: "CA は要求 {id} を {status} {name} ({text}) で拒否しました。サブジェクト名 (またはテンプレートが必要とするサブジェクトの別名) が空、無効、または長すぎます。{message}",
        fix: "Intune の SCEP プロファイルの [サブジェクト名の形式] と [サブジェクトの別名] を確認します。変数がこのユーザーまたはデバイスで値を持つ必要があり (属性が空なら名前も空になります)、結果が CA の制限内に収まる必要があります。テンプレートの [サブジェクト名] タブは「要求に含まれる」にします。",
    },
    Text {
        code: "ca.subject-from-directory",
        title: "テンプレートがサブジェクトを Active Directory から作ります",
        explanation: "CA は要求 {id} を {status} {name} ({text}) で拒否しました。テンプレートが、要求者のディレクトリ情報 (UPN、電子メール、DNS 名、GUID) からサブジェクトまたは別名を作るよう CA に求めています。要求者はユーザーやデバイスではなく NDES のアカウントなので、値がありません。{message}",
        fix: "テンプレートの [サブジェクト名] タブで「要求に含まれる」を選び、名前は SCEP プロファイルの [サブジェクト名の形式] と [サブジェクトの別名] で指定します。",
    },
    Text {
        code: "ca.rpc-dcom",
        title: "NDES が RPC/DCOM で CA に接続できませんでした",
        explanation: "要求 {id} は {status} {name} ({text}) で失敗しました。NDES サーバーが CA の証明書サービスと通信できませんでした。サービスが停止しているか、ファイアウォールが RPC を遮断しているか、NDES のアカウントが CA の DCOM インターフェイスの使用を許可されていません。{message}",
        fix: "CA で Active Directory 証明書サービスが動いていることを確認します。NDES サーバーから CA への TCP 135 と動的 RPC ポート (49152–65535) を開きます。NDES サービス アカウントを CA のローカル グループ Certificate Service DCOM Access に追加します。コネクタと NDES が使う CA 名 (ホスト\\CA 名) を確認します。",
    },
    Text {
        code: "ca.revocation-offline",
        title: "CA が要求の失効を確認できませんでした",
        explanation: "要求 {id} は {status} {name} ({text}) で失敗しました。失効サーバーがオフラインで、CA は要求に署名した証明書 (NDES の RA 証明書) またはそのチェーンを確認できませんでした。{message}",
        fix: "CA チェーンの CRL 配布ポイントに CA から到達できるようにし、新しい CRL を発行します (各 CA で certutil -crl)。NDES の RA 証明書に certutil -verify -urlfetch を実行し、到達できない場所を見つけます。",
    },
    Text {
        code: "ca.request-denied",
        title: "CA は要求 {id} を発行しませんでした",
        explanation: "CA の要求 {id} のレコードは {status} {name} ({text}) で終わっています。{message}",
        fix: "状態コードを調べます。CA のアプリケーション ログに、同じ要求 ID で同じ拒否 (CertificationAuthority のイベント 53 または 22) があります。テンプレート {template}、{requester} に対するそのアクセス許可、CA のポリシー モジュールを確認します。",
    },
    Text {
        code: "ca.denied-no-status",
        title: "CA は要求 {id} を発行しませんでした (この記録に状態コードはありません)",
        explanation: "CA の記録は要求 {id} が発行されなかったことを示していますが、状態コードがありません (セキュリティ監査イベント 4888、または要求の状態コードの列がないエクスポート)。理由はこの証拠にはありません。",
        fix: "証明機関コンソールで [失敗した要求] を開き、要求 {id} の要求の状態コードと要求の処理メッセージを確認してください (または certutil -view LogFail -restrict \"RequestID={id}\" を実行)。CA のアプリケーション ログにも同じ拒否が理由とともに記録されています (CertificationAuthority イベント 53)。",
    },
    Text {
        code: "ca.request-pending",
        title: "要求 {id} は証明書マネージャーの承認を待っています",
        explanation: "CA は要求を発行せず [保留中の要求] に入れました。テンプレート {template} が CA 証明書マネージャーの承認を必要としています。デバイスは保留の応答を受け取り、要求が発行または拒否されるまでポーリングを続けます。",
        fix: "テンプレートの [発行要件] タブで「CA 証明書マネージャーの許可」をオフにします (SCEP 証明書は無人で発行されます)。この要求は、証明機関コンソールの [保留中の要求] で発行または拒否します。",
    },
    Text {
        code: "ca.revoked",
        title: "要求 {id} の証明書は失効しています",
        explanation: "CA は証明書を発行し、その後失効させました ({reason})。Intune は、プロファイルがデバイスから外されたとき、またはデバイスが削除・ワイプされたときに、コネクタを通じて SCEP 証明書を失効させます。",
        fix: "デバイスがまだこの証明書を持つべきなら、SCEP プロファイルの割り当てを確認します。デバイスは次回のチェックインで新しい証明書を要求します。そうでなければ対処は不要です。",
    },
    Text {
        code: "ca.issued-only",
        title: "CA は証明書を発行しました。配信はこの証拠にはありません",
        explanation: "CA のレコードは手順 4 (証明書の発行) を証明します。NDES がデバイスに渡し、デバイスがインストールしたか (手順 5) は、デバイス側にしか現れません。",
        fix: "デバイスのログ (Android の OMADM.log、iOS のコンソール ログ、Windows の DeviceManagement-Enterprise-Diagnostics-Provider Admin イベント) または証明書ストアの一覧を追加し、シリアル番号または拇印で証明書を照合します。",
    },
    Text {
        code: "ca.other-templates",
        title: "ほかのテンプレートの要求 {count} 件は一覧に含めず、件数だけを示します",
        explanation: "エクスポートには SCEP 以外のテンプレートの要求もあります: {templates}。レポートには、テンプレート名または要求者名に SCEP、Intune、NDES、MDM を含む要求 ({shown}) と、テンプレートのない要求をすべて示します。",
        fix: "SCEP プロファイルの証明書が件数だけのテンプレートから発行されている場合は、そのテンプレートの要求だけをエクスポートし (証明機関コンソールの [表示] > [フィルター] で証明書テンプレートを指定してから [一覧のエクスポート])、そのファイルを追加します。",
    },
    Text {
        code: "ca.no-evidence",
        title: "この CA のエクスポートに CA の要求がありません",
        explanation: "エクスポートは読み取りましたが、要求の行がありません。ビューが空だったか、要求を識別する列 (要求 ID、シリアル番号) が削除されています。",
        fix: "証明機関コンソールで [発行した証明書]、[失敗した要求]、[保留中の要求] のいずれかを開き、要求 ID の列を残して [一覧のエクスポート] を使います。または CA で certutil -view LogFail (または Log、Queue) を実行します。",
    },
];
